import type { EmergencyView, ViewSection } from '../scan/emergency-view.ts';
import { ukDate } from '../../../src/cards/uk-date.ts';

/**
 * The summary the way a crew needs it: allergies first in high contrast, then resuscitation,
 * conditions, medicines, contacts. Whatever a section does not simply list is said beside it, in
 * words: "None recorded" only when she recorded none, and a warning when something is not on this
 * code ("Not on this card — open the Red Bag link or ask").
 */
export function EmergencyDetails({ view }: { view: EmergencyView }) {
  return (
    <>
      <h2 className="nhsuk-heading-l">{view.name}</h2>
      <p className="nhsuk-body-l">
        {view.born ? <>Born {formatDate(view.born)}</> : 'Date of birth not given'}
        {view.nhsNumber ? <> · NHS number {view.nhsNumber} <span data-testid="nhs-number-status">{view.nhsNumberVerified ? '(verified)' : '(not verified: given by the person)'}</span></> : null}
      </p>
      <section className="redbag-allergies" aria-labelledby="allergies-heading" data-section="allergies">
        <h2 id="allergies-heading">Allergies</h2>
        <SectionNote section={view.allergySection} />
        {view.allergies.length > 0 ? (
          <ul className="nhsuk-list">
            {view.allergies.map((a, i) => (
              <li key={i} className={`redbag-allergy${a.highRisk ? ' redbag-allergy--high' : ''}`}>
                {a.text}
                {a.reactions ? <span className="nhsuk-body"> — {a.reactions}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <Section id="resuscitation" title="Resuscitation" section={view.resuscitation} />
      <Section id="conditions" title="Conditions" section={view.conditions} />
      <Section id="medicines" title="Medicines" section={view.medicines} />
      <Section id="contacts" title="Who to call" section={view.contacts} />
    </>
  );
}

function Section({ id, title, section }: { id: string; title: string; section: ViewSection }) {
  return (
    <section aria-labelledby={`${id}-heading`} data-section={id}>
      <h2 className="nhsuk-heading-m" id={`${id}-heading`}>{title}</h2>
      <SectionNote section={section} />
      {section.items.length > 0 ? (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {section.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** Beside the section, before its list: what the code does not show, or that she recorded none. */
function SectionNote({ section }: { section: ViewSection }) {
  if (!section.note) return null;
  return section.warning ? (
    <p className="redbag-section-warning" data-testid="section-warning">
      <span className="nhsuk-u-visually-hidden">Warning: </span>
      {section.note}
    </p>
  ) : (
    <p className="redbag-section-note">{section.note}</p>
  );
}

export function formatDate(value: string | number | Date): string {
  // A date without a time is that day everywhere: never shifted a day by the browser's time zone.
  if (typeof value === 'string' && /^\d{4}(-\d{2}){0,2}$/.test(value)) return ukDate(value);
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', ...(typeof value === 'number' ? { hour: '2-digit', minute: '2-digit' } : {}) });
}
