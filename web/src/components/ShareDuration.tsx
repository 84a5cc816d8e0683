import { durations, type DateParts, type DurationId } from '../share-choices.ts';

/**
 * "For how long?": the NHS.UK radios, the last one revealing the NHS.UK date input (day, month, year), each
 * field with its own error message when the date cannot be used.
 */
export function ShareDuration(props: {
  choice: DurationId | '';
  date: DateParts;
  problem?: { text: string; field: string };
  onChoice(choice: DurationId): void;
  onDate(date: DateParts): void;
}) {
  const { choice, date, problem } = props;
  const dateProblem = problem && problem.field !== 'duration' ? problem : undefined;
  return (
    <div className={`nhsuk-form-group${problem ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={problem?.field === 'duration' ? 'duration-error' : undefined}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m"><h2 className="nhsuk-fieldset__heading">For how long?</h2></legend>
        {problem?.field === 'duration' ? <span className="nhsuk-error-message" id="duration-error"><span className="nhsuk-u-visually-hidden">Error:</span> {problem.text}</span> : null}
        <div className="nhsuk-radios nhsuk-radios--conditional">
          {durations.map((d, i) => (
            <div className="nhsuk-radios__item" key={d.id}>
              <input className="nhsuk-radios__input" id={i === 0 ? 'duration' : `duration-${d.id}`} type="radio" name="duration" checked={choice === d.id} onChange={() => props.onChoice(d.id)} />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={i === 0 ? 'duration' : `duration-${d.id}`}>{d.label}</label>
            </div>
          ))}
          <div className="nhsuk-radios__divider">or</div>
          <div className="nhsuk-radios__item">
            <input className="nhsuk-radios__input" id="duration-date" type="radio" name="duration" checked={choice === 'date'} aria-controls="end-date" onChange={() => props.onChoice('date')} />
            <label className="nhsuk-label nhsuk-radios__label" htmlFor="duration-date">Until a date I choose</label>
          </div>
          {choice === 'date' ? (
            <div className="nhsuk-radios__conditional" id="end-date">
              <div className={`nhsuk-form-group${dateProblem ? ' nhsuk-form-group--error' : ''}`}>
                <fieldset className="nhsuk-fieldset" aria-describedby={`end-date-hint${dateProblem ? ' end-date-error' : ''}`}>
                  <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Last day of sharing</legend>
                  <div className="nhsuk-hint" id="end-date-hint">For example, 15 3 2027. Within a year from today.</div>
                  {dateProblem ? <span className="nhsuk-error-message" id="end-date-error"><span className="nhsuk-u-visually-hidden">Error:</span> {dateProblem.text}</span> : null}
                  <div className="nhsuk-date-input">
                    {(['day', 'month', 'year'] as const).map((part) => (
                      <div className="nhsuk-date-input__item" key={part}>
                        <div className="nhsuk-form-group">
                          <label className="nhsuk-label nhsuk-date-input__label" htmlFor={`end-${part}`}>{part[0]!.toUpperCase() + part.slice(1)}</label>
                          <input
                            className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${part === 'year' ? 4 : 2}${dateProblem ? ' nhsuk-input--error' : ''}`}
                            id={`end-${part}`}
                            name={`end-${part}`}
                            type="text"
                            inputMode="numeric"
                            value={date[part]}
                            onChange={(e) => props.onDate({ ...date, [part]: e.target.value })}
                          />
                        </div>
                      </div>
                    ))}
                  </div>
                </fieldset>
              </div>
            </div>
          ) : null}
        </div>
      </fieldset>
    </div>
  );
}
