import type { ReactNode } from 'react';
import type { AllergyIntolerance, Appointment, CarePlan, CareTeam, Composition, Condition, ContactPoint, Goal, MedicationStatement, Observation, Patient, RelatedPerson, Resource } from '@medplum/fhirtypes';
import { Button } from 'nhsuk-react-components';
import type { Coverage } from '../../../src/access/share-coverage.ts';
import { identityStatus, nhsIdentifier } from '../../../src/access/identity.ts';
import { ukDate, withUkDates } from '../../../src/cards/uk-date.ts';
import { activityLine } from '../../../src/plans/plan-diff.ts';
import { describeAllergy, describeBaseline, describeCondition, describeGoal, describeMedicine, words } from '../../../src/summary/describe.ts';
import { useSession } from '../session.tsx';
import { Link } from './Link.tsx';
import { ResponsiveTable } from './ResponsiveTable.tsx';
import { TimeLeft } from './TimeLeft.tsx';
import { VisitNotes } from './VisitNotes.tsx';

/**
 * A shared plan on one screen, for the professional it is shared with: whose it is, for how long,
 * then every part of the record in the same order each time. A part outside the share says "Not
 * shared with you" (never "none"), so nobody reads a gap in the share as a gap in her life.
 */
export function SharedPlan({ resources, coverage }: { resources: Resource[]; coverage: Coverage }) {
  const { me } = useSession();
  const of = <T extends Resource>(type: T['resourceType']): T[] => resources.filter((r): r is T => r.resourceType === type);
  const patient = of<Patient>('Patient')[0];
  const name = fullName(patient);
  const plans = of<CarePlan>('CarePlan').filter((p) => p.intent === 'plan' && p.status === 'active' && !isEmergencyPlan(p));
  const emergencyPlans = of<CarePlan>('CarePlan').filter((p) => p.intent === 'plan' && p.status === 'active' && isEmergencyPlan(p));
  const proposals = of<CarePlan>('CarePlan').filter((p) => p.intent === 'proposal' && p.status === 'draft');
  const goals = new Map(of<Goal>('Goal').map((g) => [`Goal/${g.id}`, g]));
  const base = `/shared-with-me?patient=${patient?.id}`;
  const shared = (type: string) => coverage.resourceTypes.includes(type);
  const nhs = patient ? nhsIdentifier(patient) : undefined;

  return (
    <>
      <div className="nhsuk-back-link">
        <Link className="nhsuk-back-link__link" href="/shared-with-me">Back to people sharing with you</Link>
      </div>
      <h1>{name}’s shared plan</h1>
      <dl className="nhsuk-summary-list" data-testid="who">
        <Row label="Date of birth">{patient?.birthDate ? ukDate(patient.birthDate) : 'Not given'}</Row>
        <Row label="NHS number">{nhs?.value ? `${spaced(nhs.value)} (${patient && identityStatus(patient) === 'verified' ? 'verified' : 'not verified: given by the person'})` : 'Not given'}</Row>
        {coverage.sharedUntil !== undefined ? (
          <Row label="Shared with you until">{coverage.sharedUntil === null ? `${name} stops sharing` : ukDate(coverage.sharedUntil)}</Row>
        ) : null}
      </dl>
      {coverage.emergencyUntil ? <TimeLeft until={coverage.emergencyUntil} /> : null}
      <p>You see only what {name} shares with you. A part marked “Not shared with you” may have entries you cannot see: ask {name} or their carer.</p>
      <Actions coverage={coverage} base={base} patientId={patient?.id} hasPlan={plans.length > 0} />

      <Part title="Support plan: who helps with what, and when" shown={shared('CarePlan')} count={plans.length}>
        {plans.map((plan) => (
          <div key={plan.id} data-testid="support-plan">
            <h3 className="nhsuk-heading-s">{plan.title ?? 'Support plan'}</h3>
            {plan.description ? <p>{plan.description}</p> : null}
            <Activities plan={plan} />
            {plan.goal?.length ? <p>Aims: {plan.goal.map((g) => (goals.get(g.reference ?? '') ? describeGoal(goals.get(g.reference ?? '')!) : g.display ?? 'an aim not shared with you')).join('; ')}</p> : null}
            {coverage.may.proposeChange ? <p><Link href={`${base}&propose=${plan.id}`}>Propose a change to {plan.title ? `“${plan.title}”` : 'this plan'}</Link></p> : null}
          </div>
        ))}
        {proposals.length ? <p>Waiting for {name}’s answer: {proposals.map((p) => p.title ?? 'a proposed plan').join('; ')}.</p> : null}
      </Part>
      <Part title="Emergency wishes (ReSPECT)" shown={shared('CarePlan')} count={emergencyPlans.length}>
        <Bullets items={emergencyPlans.map((p) => [p.activity?.[0]?.detail?.description, p.description].filter(Boolean).join(' — ') || 'A plan with no words in it')} />
      </Part>
      <Part title="Goals and what matters to them" shown={shared('Goal')} count={goals.size}>
        <Bullets items={[...goals.values()].map(describeGoal)} />
      </Part>
      <Part title="Contacts" shown={shared('RelatedPerson')} count={of<RelatedPerson>('RelatedPerson').length}>
        <ul className="nhsuk-list nhsuk-list--border" data-testid="contacts">
          {of<RelatedPerson>('RelatedPerson').map((r) => (
            <li key={r.id}>
              <strong>{fullName(r) || 'Contact'}</strong>
              {r.relationship?.length ? ` (${r.relationship.map(words).join(', ')})` : ''}: <Phones telecom={r.telecom} />
            </li>
          ))}
        </ul>
      </Part>
      <Part title="Care team" shown={shared('CareTeam')} count={of<CareTeam>('CareTeam').length}>
        <ul className="nhsuk-list nhsuk-list--border" data-testid="care-team">
          {of<CareTeam>('CareTeam').flatMap((t) =>
            (t.participant ?? []).map((p, i) => (
              <li key={`${t.id}-${i}`}>
                <strong>{p.member?.display ?? 'Someone named in the record'}</strong>
                {p.role?.length ? `, ${p.role.map(words).join(', ')}` : ''}
                {t.telecom?.length ? <>: <Phones telecom={t.telecom} /></> : null}
              </li>
            )),
          )}
        </ul>
      </Part>
      <Part title="What is usual for them" shown={shared('Observation')} count={of<Observation>('Observation').length}>
        <Bullets items={of<Observation>('Observation').map(describeBaseline)} />
      </Part>
      <Part title="Allergies" shown={shared('AllergyIntolerance')} count={of<AllergyIntolerance>('AllergyIntolerance').length} none="No allergies recorded. That does not mean they have none: ask.">
        <Bullets items={of<AllergyIntolerance>('AllergyIntolerance').map(describeAllergy)} />
      </Part>
      <Part title="Medicines" shown={shared('MedicationStatement')} count={of<MedicationStatement>('MedicationStatement').length}>
        <Bullets items={of<MedicationStatement>('MedicationStatement').map(describeMedicine)} />
      </Part>
      <Part title="Conditions" shown={shared('Condition')} count={of<Condition>('Condition').length}>
        <Bullets items={of<Condition>('Condition').map((c) => withUkDates(describeCondition(c)))} />
      </Part>
      <Part title="Appointments" shown={shared('Appointment')} count={of<Appointment>('Appointment').length}>
        <Bullets items={of<Appointment>('Appointment').map((a) => [a.description ?? 'Appointment', a.start && ukDate(a.start)].filter(Boolean).join(', '))} />
      </Part>
      <Part title="Discharge summaries" shown={shared('Composition')} count={of<Composition>('Composition').length}>
        <Bullets items={of<Composition>('Composition').map((c) => `${c.title}, ${ukDate(c.date)}`)} />
      </Part>
      <p><Button secondary small onClick={() => print()}>Print</Button></p>
      {patient?.id && me?.role === 'home-care-worker' ? <VisitNotes patientId={patient.id} /> : null}
    </>
  );
}

function Actions({ coverage, base, patientId, hasPlan }: { coverage: Coverage; base: string; patientId: string | undefined; hasPlan: boolean }) {
  const links = [
    ...(coverage.may.proposeChange && !hasPlan ? [<Link key="p" href={`${base}&propose=new`}>Propose a support plan</Link>] : []),
    ...(coverage.may.writeSummary ? [<Link key="s" href={`${base}&summary=new`}>Write a discharge summary</Link>] : []),
    ...(coverage.may.openEmergency && !coverage.emergencyUntil && patientId ? [<Link key="e" href={`/emergency-access?patient=${patientId}`}>Open their record in an emergency</Link>] : []),
  ];
  if (!links.length) return null;
  return (
    <ul className="nhsuk-list redbag-menu" aria-label="What you can do">
      {links.map((link) => <li key={link.key}>{link}</li>)}
    </ul>
  );
}

function Part({ title, shown, count, none = 'None recorded.', children }: { title: string; shown: boolean; count: number; none?: string; children: ReactNode }) {
  return (
    <section>
      <h2 className="nhsuk-heading-m">{title}</h2>
      {!shown ? <p data-testid="not-shared"><strong>Not shared with you.</strong></p> : count === 0 ? <p>{none}</p> : children}
    </section>
  );
}

function Activities({ plan }: { plan: CarePlan }) {
  const lines = (plan.activity ?? []).map(activityLine);
  if (!lines.length) return <p>No help listed in this plan.</p>;
  return (
    <ResponsiveTable
      caption={`Help in “${plan.title ?? 'the support plan'}”`}
      hideCaption
      headings={['What', 'Who', 'When']}
      testId="activities"
      rows={lines.map((l, i) => ({ key: String(i), cells: [l.what || 'Not said', l.who || 'Not said', l.when || 'Not said'] }))}
    />
  );
}

function Phones({ telecom }: { telecom: ContactPoint[] | undefined }) {
  const numbers = (telecom ?? []).filter((t) => (t.system === 'phone' || t.system === 'sms') && t.value);
  if (!numbers.length) return <>no phone number given</>;
  return <>{numbers.map((t, i) => <span key={i}>{i ? ', ' : ''}<a href={`tel:${t.value!.replace(/\s/g, '')}`}>{t.value}</a></span>)}</>;
}

const Bullets = ({ items }: { items: string[] }) => <ul className="nhsuk-list nhsuk-list--bullet">{items.map((t, i) => <li key={i}>{t}</li>)}</ul>;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}

export function fullName(who: { name?: { text?: string; given?: string[]; family?: string }[] } | undefined): string {
  const n = who?.name?.[0];
  return n?.text ?? [n?.given?.join(' '), n?.family].filter(Boolean).join(' ');
}

/** "999 000 0026", as NHS numbers are read out. */
const spaced = (n: string): string => (/^\d{10}$/.test(n) ? `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` : n);

const planKinds = 'https://redbag.example.org/fhir/CodeSystem/redbag-plan-kinds';
const isEmergencyPlan = (p: CarePlan): boolean => p.category?.some((c) => c.coding?.some((x) => x.system === planKinds && x.code === 'emergency-care-treatment-plan')) ?? false;
