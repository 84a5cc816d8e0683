import type { AllergyIntolerance, CarePlan, CareTeam, Goal, Observation, Patient, RelatedPerson, Resource } from '@medplum/fhirtypes';
import { Button } from 'nhsuk-react-components';
import { describeAllergy, describeContact, words } from '../../../src/summary/describe.ts';
import { useSession } from '../session.tsx';
import { VisitNotes } from './VisitNotes.tsx';
import { showDate } from '../uk-dates.ts';

/** A shared plan on one screen: who, support plan, goals, contacts, care team, baseline, allergies. Printable. */
export function SharedPlan({ resources }: { resources: Resource[] }) {
  const { me } = useSession();
  const of = <T extends Resource>(type: T['resourceType']): T[] => resources.filter((r): r is T => r.resourceType === type);
  const patient = of<Patient>('Patient')[0];
  const name = [patient?.name?.[0]?.given?.join(' '), patient?.name?.[0]?.family].filter(Boolean).join(' ');
  const section = (title: string, items: string[]) => (
    <section>
      <h2 className="nhsuk-heading-m">{title}</h2>
      {items.length ? <ul className="nhsuk-list nhsuk-list--bullet">{items.map((t, i) => <li key={i}>{t}</li>)}</ul> : <p>Not shared, or none recorded.</p>}
    </section>
  );
  return (
    <>
      <h1>{name}’s shared plan</h1>
      <p>Born {patient?.birthDate ? showDate(patient.birthDate) : 'date not given'}. <Button secondary small onClick={() => print()}>Print</Button></p>
      {section('Support plan', of<CarePlan>('CarePlan').filter((p) => p.status === 'active').map((p) => [p.title, p.description].filter(Boolean).join(': ')))}
      {section('What matters to them', of<Goal>('Goal').map((g) => words(g.description)))}
      {section('Contacts', of<RelatedPerson>('RelatedPerson').map(describeContact))}
      {section('Care team', of<CareTeam>('CareTeam').flatMap((t) => (t.participant ?? []).map((p) => [p.member?.display, words(p.role?.[0])].filter(Boolean).join(', '))))}
      {section('What is usual for them', of<Observation>('Observation').map((o) => `${words(o.code)}: ${o.valueString ?? words(o.valueCodeableConcept)}`))}
      {section('Allergies', of<AllergyIntolerance>('AllergyIntolerance').map(describeAllergy))}
      {patient?.id && me?.role === 'home-care-worker' ? <VisitNotes patientId={patient.id} /> : null}
    </>
  );
}
