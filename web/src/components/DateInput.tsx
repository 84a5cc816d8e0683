import type { DateParts, DateProblem } from '../uk-dates.ts';

/**
 * The NHS.UK date input: day, month and year in three boxes under one question, with the error
 * beside them and the box it is about marked. The error summary links to `${id}-${problem.part}`.
 */
export function DateInput(props: { id: string; legend: string; hint: string; value: DateParts; onChange: (value: DateParts) => void; problem?: DateProblem; autoCompletePrefix?: 'bday' }) {
  const { id, problem } = props;
  const parts: Array<{ part: keyof DateParts; label: string; width: string; auto: string }> = [
    { part: 'day', label: 'Day', width: '2', auto: 'day' },
    { part: 'month', label: 'Month', width: '2', auto: 'month' },
    { part: 'year', label: 'Year', width: '4', auto: 'year' },
  ];
  const wholeDate = problem && (problem.text.includes('real date') || problem.text.startsWith('Enter') || problem.text.includes('past'));
  return (
    <div className={`nhsuk-form-group${problem ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={[`${id}-hint`, problem ? `${id}-error` : ''].filter(Boolean).join(' ')}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{props.legend}</legend>
        <div className="nhsuk-hint" id={`${id}-hint`}>{props.hint}</div>
        {problem ? <span className="nhsuk-error-message" id={`${id}-error`}><span className="nhsuk-u-visually-hidden">Error:</span> {problem.text}</span> : null}
        <div className="nhsuk-date-input" id={id}>
          {parts.map(({ part, label, width, auto }) => (
            <div className="nhsuk-date-input__item" key={part}>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label nhsuk-date-input__label" htmlFor={`${id}-${part}`}>{label}</label>
                <input
                  className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${problem && (wholeDate || problem.part === part) ? ' nhsuk-input--error' : ''}`}
                  id={`${id}-${part}`}
                  name={`${id}[${part}]`}
                  type="text"
                  inputMode="numeric"
                  autoComplete={props.autoCompletePrefix ? `${props.autoCompletePrefix}-${auto}` : undefined}
                  value={props.value[part]}
                  onChange={(e) => props.onChange({ ...props.value, [part]: e.target.value })}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
