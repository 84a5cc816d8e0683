import { useEffect, useRef } from 'react';
import type { ApiError } from '../api/client.ts';

/** The NHS.UK error summary: every problem, linked to its field, focused so a screen reader reads it first. */
export function Problems({ error, fieldIds = {} }: { error: ApiError | undefined; fieldIds?: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const problems = error.problems.length ? error.problems : [{ field: '', text: error.message }];
  return (
    <div className="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabIndex={-1} ref={ref}>
      <h2 className="nhsuk-error-summary__title" id="error-summary-title">There is a problem</h2>
      <div className="nhsuk-error-summary__body">
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {problems.map((p, i) => (
            <li key={i}>{fieldIds[p.field] ? <a href={`#${fieldIds[p.field]}`}>{p.text}</a> : p.text}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** The message for one field, if the server named it. */
export function fieldProblem(error: ApiError | undefined, ...fields: string[]): string | undefined {
  return error?.problems.find((p) => fields.some((f) => p.field === f || p.field.startsWith(`${f}.`) || p.field.startsWith(`${f}[`)))?.text;
}

export function TextField(props: { id: string; label: string; hint?: string; value: string; onChange: (v: string) => void; error?: string; type?: string; autoComplete?: string; width?: string }) {
  return (
    <div className={`nhsuk-form-group${props.error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={props.id}>{props.label}</label>
      {props.hint ? <div className="nhsuk-hint" id={`${props.id}-hint`}>{props.hint}</div> : null}
      {props.error ? <span className="nhsuk-error-message" id={`${props.id}-error`}><span className="nhsuk-u-visually-hidden">Error:</span> {props.error}</span> : null}
      <input
        className={`nhsuk-input${props.width ? ` nhsuk-input--width-${props.width}` : ''}${props.error ? ' nhsuk-input--error' : ''}`}
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete}
        value={props.value}
        aria-describedby={[props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}
