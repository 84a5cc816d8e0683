import { useEffect, useState } from 'react';
import type { AllergyIntolerance, Appointment, CarePlan, Consent, RelatedPerson } from '@medplum/fhirtypes';
import { api, entries } from '../api/client.ts';
import { HomeMenu } from '../components/HomeMenu.tsx';
import { Link } from '../components/Link.tsx';
import { NewsList } from '../components/NewsList.tsx';
import { PrintedCardWarning, useCardStatus } from '../components/PrintedCardStatus.tsx';
import { StartHere } from '../components/StartHere.tsx';
import { longDate } from '../share-choices.ts';
import { startHere } from '../start-here.ts';
import { useSession } from '../session.tsx';
import { whoToCall } from '../who-to-call.ts';
import { resuscitationOf } from '../../../src/summary/resuscitation.ts';

interface Status {
  allergies: number;
  medicines: number;
  emergencyPlan: boolean;
  /** Contacts with a phone number or email (who-to-call.ts): a name alone is not someone to call. */
  contacts: number;
  expiringShares: Consent[];
  tomorrow: Appointment[];
  proposals: number;
}

/** "Is my Red Bag up to date?" and what needs attention, for the record being managed. */
export function HomePage() {
  const { me, recordId, caringFor, chooseRecord } = useSession();
  const [status, setStatus] = useState<Status>();
  const [card] = useCardStatus(recordId);
  const cardStale = card?.state === 'out-of-date' || card?.state === 'lost';
  useEffect(() => {
    if (!recordId) return;
    const p = `patient=Patient/${recordId}`;
    void (async () => {
      const [allergies, plans, contacts, consents, appointments, proposals, medicines] = await Promise.all([
        api<{ entry?: { resource: AllergyIntolerance }[] }>(`/fhir/AllergyIntolerance?${p}`),
        api<{ entry?: { resource: CarePlan }[] }>(`/fhir/CarePlan?${p}&status=active`),
        api<{ entry?: { resource: RelatedPerson }[] }>(`/fhir/RelatedPerson?${p}`),
        api<{ entry?: { resource: Consent }[] }>(`/fhir/Consent?${p}&status=active`),
        api<{ entry?: { resource: Appointment }[] }>(`/fhir/Appointment?actor=Patient/${recordId}`).catch(() => ({ entry: [] })),
        api<{ total?: number }>(`/fhir/CarePlan?${p}&intent=proposal&status=draft&_summary=count`).catch(() => ({ total: 0 })),
        api<{ total?: number }>(`/fhir/MedicationStatement?${p}&_summary=count`).catch(() => ({ total: 0 })),
      ]);
      const soon = Date.now() + 7 * 86_400_000;
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      setStatus({
        allergies: entries(allergies).length,
        medicines: medicines.total ?? 0,
        emergencyPlan: entries(plans).some((c) => resuscitationOf(c) !== undefined),
        contacts: whoToCall(entries(contacts)).length,
        expiringShares: entries(consents).filter((c) => c.provision?.period?.end && Date.parse(c.provision.period.end) < soon && !c.provision?.actor?.some((a) => a.role?.coding?.some((x) => x.code === 'carer'))),
        tomorrow: entries(appointments).filter((a) => a.start?.startsWith(tomorrow)),
        proposals: proposals.total ?? 0,
      });
    })();
  }, [recordId]);

  const whose = caringFor.find((c) => c.patient === `Patient/${recordId}`);
  const steps = status ? startHere({ allergies: status.allergies, medicines: status.medicines, callable: status.contacts, emergencyPlan: status.emergencyPlan, printed: card !== undefined && card.state !== 'none' }) : undefined;
  // The first steps are shown as "start here" (with progress), so they are not repeated as warnings.
  const todo = status
    ? [
        ...status.expiringShares.map((c) => ({ text: `A share ends on ${longDate(c.provision?.period?.end)}.`, href: '/sharing' })),
        ...status.tomorrow.map((a) => ({ text: `Appointment tomorrow: ${a.description ?? 'see details'}.`, href: '/appointments' })),
        ...(status.proposals > 0 ? [{ text: status.proposals === 1 ? 'A change to the support plan is waiting for an answer.' : `${status.proposals} changes to the support plan are waiting for an answer.`, href: '/support-plan' }] : []),
      ]
    : [];
  const complete = steps !== undefined && steps.done === steps.steps.length;
  return (
    <>
      <h1>{whose ? `${whose.name}’s Red Bag` : `Hello${me?.name ? `, ${me.name.given}` : ''}`}</h1>
      {caringFor.length > 0 ? (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="whose">Whose record are you looking after?</label>
          <select className="nhsuk-select" id="whose" value={recordId} onChange={(e) => chooseRecord(e.target.value)}>
            <option value={me?.patient?.replace('Patient/', '')}>My own</option>
            {caringFor.map((c) => <option key={c.patient} value={c.patient.replace('Patient/', '')}>{c.name} ({c.rights === 'manage' ? 'you manage it' : 'view only'})</option>)}
          </select>
        </div>
      ) : null}
      {recordId ? <PrintedCardWarning recordId={recordId} status={card} /> : null}
      {!status || !steps ? <p role="status">Checking your Red Bag…</p> : complete && todo.length === 0 && !cardStale ? (
        <div className="nhsuk-card nhsuk-card--care nhsuk-card--care--non-urgent">
          <div className="nhsuk-card--care__heading-container"><h2 className="nhsuk-card--care__heading"><span role="text">Your Red Bag is up to date</span></h2></div>
          <div className="nhsuk-card__content"><p>Allergies, medicines, who to call and emergency wishes are all recorded. <Link href="/my-red-bag">Print or show your Red Bag</Link>.</p></div>
        </div>
      ) : (
        <>
          {complete ? null : <StartHere steps={steps.steps} done={steps.done} />}
          {todo.length === 0 ? null : (
            <div className="nhsuk-warning-callout">
              <h2 className="nhsuk-warning-callout__label"><span role="text"><span className="nhsuk-u-visually-hidden">Important: </span>Needs your attention</span></h2>
              <ul>{todo.map((t, i) => <li key={i}><Link href={t.href}>{t.text}</Link></li>)}</ul>
            </div>
          )}
        </>
      )}
      {recordId ? <NewsList recordId={recordId} /> : null}
      <HomeMenu />
    </>
  );
}
