import type { ReactNode } from 'react';
import { Button } from 'nhsuk-react-components';

/** The NHS.UK "check your answers" page: every answer with a way to change it, then one button to do it. */
export function ShareCheck(props: {
  who: string;
  what: string[];
  until: string;
  extending?: boolean;
  onChange(step: 1 | 2 | 3): void;
  onConfirm(): void;
}) {
  const rows: { key: string; value: ReactNode; step: 1 | 2 | 3; change: string }[] = [
    { key: 'Who', value: props.who, step: 1, change: 'who you are sharing with' },
    { key: 'What they can see', value: <ul className="nhsuk-list">{props.what.map((w) => <li key={w}>{w}</li>)}<li>Your name and date of birth (always shared)</li></ul>, step: 2, change: 'what they can see' },
    { key: 'Until', value: `The end of ${props.until}`, step: 3, change: 'how long' },
  ];
  return (
    <>
      <h2>Check your answers before {props.extending ? 'extending this share' : 'sharing'}</h2>
      <dl className="nhsuk-summary-list" data-testid="check-answers">
        {rows.filter((r) => !(props.extending && r.step === 2)).map((row) => (
          <div className="nhsuk-summary-list__row" key={row.key}>
            <dt className="nhsuk-summary-list__key">{row.key}</dt>
            <dd className="nhsuk-summary-list__value">{row.value}</dd>
            <dd className="nhsuk-summary-list__actions">
              <button type="button" className="redbag-link-button" onClick={() => props.onChange(row.step)}>
                Change<span className="nhsuk-u-visually-hidden"> {row.change}</span>
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <p>They will see this until the end of the last day. You can stop sharing at any time, and you can see each time they look.</p>
      <Button onClick={props.onConfirm}>{props.extending ? 'Extend the share' : 'Share my record'}</Button>
    </>
  );
}
