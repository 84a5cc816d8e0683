import { useCallback, useEffect, useState } from 'react';
import { Button } from 'nhsuk-react-components';
import type { Consent, Organization } from '@medplum/fhirtypes';
import { dataClasses, dataClassesOf } from '../../../src/access/data-classes.ts';
import { shareConsent } from '../../../src/access/share-consent.ts';
import { api, ApiError, entries } from '../api/client.ts';
import { Problems } from '../components/Problems.tsx';
import { useSession } from '../session.tsx';
import { useDraft } from '../use-draft.ts';
import { showDate } from '../uk-dates.ts';

const durations = [
  { days: 7, label: '1 week' },
  { days: 30, label: '1 month' },
  { days: 90, label: '3 months' },
];

/** Share in three steps (who, what, how long), see active shares, stop one in one step. */
export function SharingPage() {
  const { recordId, me, caringFor } = useSession();
  // Who sees a record is the person's to decide (or her legal proxy's); a carer sees the shares but cannot change them.
  const caredFor = caringFor.find((c) => c.patient === `Patient/${recordId}`);
  const decides = recordId === me?.patient?.replace('Patient/', '') || caredFor?.proxy === true;
  const [step, setStep] = useDraft('share-step', 1);
  const [orgId, setOrgId] = useDraft('share-org', '');
  const [classes, setClasses] = useDraft<string[]>('share-classes', []);
  const [days, setDays] = useDraft('share-days', 30);
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [shares, setShares] = useState<Consent[]>([]);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();

  const load = useCallback(async () => {
    if (!recordId) return;
    setOrgs(entries(await api(`/fhir/Organization?_count=200&_sort=name`)));
    setShares(entries<Consent>(await api(`/fhir/Consent?patient=Patient/${recordId}&status=active`)).filter((c) => !c.provision?.actor?.some((a) => a.role?.coding?.some((x) => x.code === 'carer'))));
  }, [recordId]);
  useEffect(() => void load(), [load]);

  const orgName = (reference?: string) => orgs.find((o) => `Organization/${o.id}` === reference)?.name ?? 'an organisation';

  const share = async () => {
    const end = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const consent = shareConsent({
      patientId: recordId!,
      grantee: `Organization/${orgId}`,
      resourceTypes: dataClasses.filter((c) => classes.includes(c.id)).flatMap((c) => c.resourceTypes),
      start: new Date().toISOString().slice(0, 10),
      end,
      now: new Date(),
    });
    try {
      await api('/fhir/Consent', { method: 'POST', body: consent, fhir: true });
      setDone(`You are now sharing with ${orgName(`Organization/${orgId}`)} until ${showDate(end)}.`);
      setStep(1); setOrgId(''); setClasses([]); setDays(30);
      await load();
    } catch (err) {
      setError(err as ApiError);
    }
  };

  const stop = async (consent: Consent) => {
    await api(`/fhir/Consent/${consent.id}`, { method: 'PUT', body: { ...consent, status: 'inactive' }, fhir: true });
    setDone(`Stopped sharing with ${orgName(consent.provision?.actor?.[0]?.reference?.reference)}. They can no longer see your record.`);
    await load();
  };

  return (
    <>
      <h1>Sharing</h1>
      <p role="status" aria-live="polite">{done}</p>
      <h2>Who can see your record now</h2>
      {shares.length === 0 ? <p>You are not sharing with anyone.</p> : (
        <ul className="nhsuk-list nhsuk-list--border">
          {shares.map((c) => (
            <li key={c.id} data-testid="share">
              <strong>{orgName(c.provision?.actor?.[0]?.reference?.reference)}</strong> sees {dataClassesOf((c.provision?.class ?? []).map((x) => x.code ?? '')).map((d) => d.label.toLowerCase()).join('; ')} until {showDate(c.provision?.period?.end ?? '')}.{' '}
              {decides ? <Button secondary small onClick={() => void stop(c)}>Stop sharing</Button> : null}
            </li>
          ))}
        </ul>
      )}
      {decides ? null : <p>Only {caredFor?.name ?? 'the person'} can change who sees their record. As their carer you can see who they share with.</p>}
      {decides ? <>
      <h2>Share your record</h2>
      <Problems error={error} />
      <p className="nhsuk-caption-m">Step {step} of 3</p>
      {step === 1 ? (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-label--m" htmlFor="org">Who do you want to share with?</label>
          <select className="nhsuk-select" id="org" value={orgId} onChange={(e) => setOrgId(e.target.value)}>
            <option value="">Choose</option>
            {orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
          <p><Button disabled={!orgId} onClick={() => setStep(2)}>Continue</Button></p>
        </div>
      ) : step === 2 ? (
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">What can {orgName(`Organization/${orgId}`)} see?</legend>
          <div className="nhsuk-hint">Your name and date of birth are always shared. Mental health, alcohol and sexual health are never shared unless you ask.</div>
          <div className="nhsuk-checkboxes">
            {dataClasses.map((c) => (
              <div className="nhsuk-checkboxes__item" key={c.id}>
                <input className="nhsuk-checkboxes__input" id={`class-${c.id}`} type="checkbox" checked={classes.includes(c.id)} onChange={(e) => setClasses(e.target.checked ? [...classes, c.id] : classes.filter((x) => x !== c.id))} />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`class-${c.id}`}>{c.label}</label>
              </div>
            ))}
          </div>
          <p><Button secondary onClick={() => setStep(1)}>Back</Button> <Button disabled={classes.length === 0} onClick={() => setStep(3)}>Continue</Button></p>
        </fieldset>
      ) : (
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">For how long?</legend>
          <div className="nhsuk-radios">
            {durations.map((d) => (
              <div className="nhsuk-radios__item" key={d.days}>
                <input className="nhsuk-radios__input" id={`days-${d.days}`} type="radio" name="days" checked={days === d.days} onChange={() => setDays(d.days)} />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={`days-${d.days}`}>{d.label}</label>
              </div>
            ))}
          </div>
          <p><Button secondary onClick={() => setStep(2)}>Back</Button> <Button onClick={() => void share()}>Share</Button></p>
        </fieldset>
      )}
      </> : null}
    </>
  );
}
