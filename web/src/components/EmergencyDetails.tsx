import type { EmergencyView } from '../scan/emergency-view.ts';

/** The summary the way a crew needs it: allergies first in high contrast, then resuscitation, conditions, medicines, contacts. */
export function EmergencyDetails({ view }: { view: EmergencyView }) {
  return (
    <>
      <h2 className="nhsuk-heading-l">{view.name}</h2>
      <p className="nhsuk-body-l">
        {view.born ? <>Born {formatDate(view.born)}</> : 'Date of birth not given'}
        {view.nhsNumber ? <> · NHS number {view.nhsNumber}</> : null}
      </p>
      <section className="redbag-allergies" aria-labelledby="allergies-heading">
        <h2 id="allergies-heading">Allergies</h2>
        {view.allergies.length > 0 ? (
          <ul className="nhsuk-list">
            {view.allergies.map((a, i) => (
              <li key={i} className={`redbag-allergy${a.highRisk ? ' redbag-allergy--high' : ''}`}>
                {a.text}
                {a.reactions ? <span className="nhsuk-body"> — {a.reactions}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="redbag-allergy">{view.allergyNote}</p>
        )}
      </section>
      <Section title="Resuscitation" items={[view.resuscitation ?? 'No emergency care plan on this code']} />
      <Section title="Conditions" items={view.conditions} empty="None listed" />
      <Section title="Medicines" items={view.medicines} empty="None listed" />
      <Section title="Who to call" items={view.contacts} empty="No contact on this code" />
      {view.partial ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>The code could not hold everything. The full summary is behind the Red Bag link (the second code, or ask the person or their carer).</p>
        </div>
      ) : null}
    </>
  );
}

function Section({ title, items, empty }: { title: string; items: string[]; empty?: string }) {
  return (
    <section>
      <h2 className="nhsuk-heading-m">{title}</h2>
      {items.length > 0 ? (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      ) : (
        <p>{empty}</p>
      )}
    </section>
  );
}

export function formatDate(value: string | number | Date): string {
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', ...(typeof value === 'number' ? { hour: '2-digit', minute: '2-digit' } : {}) });
}
