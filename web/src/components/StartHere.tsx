import type { Step } from '../start-here.ts';
import { Link } from './Link.tsx';

/** "Start here": the NHS.UK task list, numbered, with how many steps are done. */
export function StartHere({ steps, done }: { steps: Step[]; done: number }) {
  return (
    <section aria-labelledby="start-here" data-testid="start-here">
      <h2 id="start-here">Start here</h2>
      <p>
        <strong>{done} of {steps.length} steps done.</strong> Do these first: they are what an ambulance crew needs most.
      </p>
      <ul className="nhsuk-task-list">
        {steps.map((step) => (
          <li key={step.number} className="nhsuk-task-list__item nhsuk-task-list__item--with-link">
            <div className="nhsuk-task-list__name-and-hint">
              <Link className="nhsuk-link nhsuk-task-list__link" href={step.href} aria-describedby={`step-${step.number}-hint step-${step.number}-status`}>
                {step.number}. {step.title}
              </Link>
              <div id={`step-${step.number}-hint`} className="nhsuk-task-list__hint">{step.hint}</div>
            </div>
            <div className="nhsuk-task-list__status" id={`step-${step.number}-status`}>
              {step.done ? 'Done' : <strong className="nhsuk-tag nhsuk-tag--blue">To do</strong>}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
