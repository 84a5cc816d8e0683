import { useEffect, useState } from 'react';
import type { AllergyIntolerance, Appointment, CarePlan, Consent, RelatedPerson } from '@medplum/fhirtypes';
import { api, entries } from '../api/client.ts';
import { Link } from '../components/Link.tsx';
import { NewsList } from '../components/NewsList.tsx';
import { PrintedCardWarning, useCardStatus } from '../components/PrintedCardStatus.tsx';
import { useSession } from '../session.tsx';
import { canBeCalled } from '../who-to-call.ts';
import { showDate } from '../uk-dates.ts';
import { resuscitationOf } from '../../../src/summary/resuscitation.ts';

interface Status {
  allergies: number;
  emergencyPlan: boolean;
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
      const [allergies, plans, contacts, consents, appointments, proposals] = await Promise.all([
        api<{ entry?: { resource: AllergyIntolerance }[] }>(`/fhir/AllergyIntolerance?${p}`),
        api<{ entry?: { resource: CarePlan }[] }>(`/fhir/CarePlan?${p}&status=active`),
        api<{ entry?: { resource: RelatedPerson }[] }>(`/fhir/RelatedPerson?${p}`),
        api<{ entry?: { resource: Consent }[] }>(`/fhir/Consent?${p}&status=active`),
        api<{ entry?: { resource: Appointment }[] }>(`/fhir/Appointment?actor=Patient/${recordId}`).catch(() => ({ entry: [] })),
        api<{ total?: number }>(`/fhir/CarePlan?${p}&intent=proposal&status=draft&_summary=count`).catch(() => ({ total: 0 })),
      ]);
      const soon = Date.now() + 7 * 86_400_000;
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      setStatus({
        allergies: entries(allergies).length,
        emergencyPlan: entries(plans).some((c) => resuscitationOf(c) !== undefined),
        contacts: entries(contacts).filter(canBeCalled).length,
        expiringShares: entries(consents).filter((c) => c.provision?.period?.end && Date.parse(c.provision.period.end) < soon && !c.provision?.actor?.some((a) => a.role?.coding?.some((x) => x.code === 'carer'))),
        tomorrow: entries(appointments).filter((a) => a.start?.startsWith(tomorrow)),
        proposals: proposals.total ?? 0,
      });
    })();
  }, [recordId]);

  const whose = caringFor.find((c) => c.patient === `Patient/${recordId}`);
  const todo = status
    ? [
        ...(status.allergies === 0 ? [{ text: 'Allergies are not recorded. Record them, or say there are none.', href: '/allergies' }] : []),
        ...(status.contacts === 0 ? [{ text: 'No one to call is recorded with a phone number or email address.', href: '/contacts' }] : []),
        ...(!status.emergencyPlan ? [{ text: 'Your emergency wishes (resuscitation) are not recorded.', href: '/emergency-wishes' }] : []),
        ...status.expiringShares.map((c) => ({ text: `A share ends on ${showDate(c.provision?.period?.end ?? '')}.`, href: '/sharing' })),
        ...status.tomorrow.map((a) => ({ text: `Appointment tomorrow: ${a.description ?? 'see details'}.`, href: '/appointments' })),
        ...(status.proposals > 0 ? [{ text: status.proposals === 1 ? 'A change to the support plan is waiting for an answer.' : `${status.proposals} changes to the support plan are waiting for an answer.`, href: '/support-plan' }] : []),
      ]
    : [];
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
      {!status ? <p role="status">Checking your Red Bag…</p> : todo.length === 0 && !cardStale ? (
        <div className="nhsuk-card nhsuk-card--care nhsuk-card--care--non-urgent">
          <div className="nhsuk-card--care__heading-container"><h2 className="nhsuk-card--care__heading"><span role="text">Your Red Bag is up to date</span></h2></div>
          <div className="nhsuk-card__content"><p>Allergies, emergency plan and who to call are all recorded. <Link href="/my-red-bag">Print or show your Red Bag</Link>.</p></div>
        </div>
      ) : todo.length === 0 ? null : (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label"><span role="text"><span className="nhsuk-u-visually-hidden">Important: </span>Needs your attention</span></h2>
          <ul>{todo.map((t, i) => <li key={i}><Link href={t.href}>{t.text}</Link></li>)}</ul>
        </div>
      )}
      {recordId ? <NewsList recordId={recordId} /> : null}
      <ul className="nhsuk-list redbag-menu">
        <li><Link href="/allergies">Allergies</Link></li>
        <li><Link href="/conditions">Conditions</Link></li>
        <li><Link href="/medicines">Medicines</Link></li>
        <li><Link href="/contacts">Who to call</Link></li>
        <li><Link href="/care-team">Care team</Link></li>
        <li><Link href="/what-matters">What matters to me</Link></li>
        <li><Link href="/support-plan">Support plan</Link></li>
        <li><Link href="/emergency-wishes">Emergency wishes</Link></li>
        <li><Link href="/what-is-usual">What is usual for me</Link></li>
        <li><Link href="/appointments">Appointments</Link></li>
        <li><Link href="/my-red-bag">Red Bag: print, show the code, links</Link></li>
        <li><Link href="/sharing">Sharing</Link></li>
        <li><Link href="/access-log">Who has seen my record</Link></li>
        <li><Link href="/carers">Carers</Link></li>
        <li><Link href="/import-and-download">Import a summary, or download your record</Link></li>
      </ul>
    </>
  );
}
