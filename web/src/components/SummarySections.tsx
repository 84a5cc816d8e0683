import type { Bundle, Composition } from '@medplum/fhirtypes';

/** Shown by EmergencyDetails already, from the resources themselves. */
const shownAbove = new Set(['Allergies', 'Health problems', 'Medicines']);

/**
 * The rest of a full Red Bag summary opened through a link: her emergency wishes in words, how she
 * usually is, how to communicate with her, her care team, what matters to her and her support plan.
 * Read from each section's narrative as plain text (never inserted as HTML: the link may come from
 * another issuer).
 */
export function SummarySections({ summary }: { summary: Bundle }) {
  const composition = summary.entry?.[0]?.resource as Composition | undefined;
  if (composition?.resourceType !== 'Composition') return null;
  const sections = (composition.section ?? []).filter((s) => s.title && !shownAbove.has(s.title) && s.text?.div);
  return (
    <>
      {sections.map((s) => {
        const narrative = new DOMParser().parseFromString(s.text!.div, 'text/html');
        const lead = narrative.querySelector('p')?.textContent ?? '';
        const items = [...narrative.querySelectorAll('li')].map((li) => li.textContent ?? '');
        return (
          <section key={s.title} aria-label={s.title}>
            <h2 className="nhsuk-heading-m">{s.title}</h2>
            {lead ? <p>{lead}</p> : null}
            {items.length ? <ul className="nhsuk-list nhsuk-list--bullet">{items.map((item, i) => <li key={i}>{item}</li>)}</ul> : null}
          </section>
        );
      })}
    </>
  );
}
