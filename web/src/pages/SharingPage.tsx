import { useCallback, useEffect, useState } from 'react';
import { Button } from 'nhsuk-react-components';
import type { Consent, Organization } from '@medplum/fhirtypes';
import { dataClasses, dataClassesOf } from '../../../src/access/data-classes.ts';
import { shareConsent } from '../../../src/access/share-consent.ts';
import { api, ApiError, entries } from '../api/client.ts';
import { Problems, fieldProblem } from '../components/Problems.tsx';
import { ShareCheck } from '../components/ShareCheck.tsx';
import { ShareDuration } from '../components/ShareDuration.tsx';
import { StopSharing } from '../components/StopSharing.tsx';
import { longDate, shareEnd, type DateParts, type DurationId } from '../share-choices.ts';
import { useSession } from '../session.tsx';
import { useDraft } from '../use-draft.ts';

type Step = 'who' | 'existing' | 'what' | 'how-long' | 'check';
const stepNumber: Record<Step, number> = { who: 1, existing: 1, what: 2, 'how-long': 3, check: 4 };
const noDate: DateParts = { day: '', month: '', year: '' };
const problem = (field: string, text: string) => new ApiError(400, text, [{ field, text }]);
const granteeOf = (c: Consent) => c.provision?.actor?.[0]?.reference?.reference;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Share in steps (who, what, how long, check your answers), see active shares, stop one after a confirmation.
 * Sharing again with a team that already has a share offers to extend that one instead (issue 14, item 7).
 */
export function SharingPage() {
  const { recordId, me, caringFor } = useSession();
  // Who sees a record is the person's to decide (or her legal proxy's); a carer sees the shares but cannot change them.
  const caredFor = caringFor.find((c) => c.patient === `Patient/${recordId}`);
  const decides = recordId === me?.patient?.replace('Patient/', '') || caredFor?.proxy === true;
  const [step, setStep] = useDraft<Step>('share-step-name', 'who');
  const [orgId, setOrgId] = useDraft('share-org', '');
  const [classes, setClasses] = useDraft<string[]>('share-classes', []);
  const [choice, setChoice] = useDraft<DurationId | ''>('share-duration', '');
  const [date, setDate] = useDraft<DateParts>('share-date', noDate);
  const [extending, setExtending] = useDraft('share-extending', '');
  const [extendAnswer, setExtendAnswer] = useState<'yes' | 'no' | ''>('');
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [shares, setShares] = useState<Consent[]>([]);
  const [stopping, setStopping] = useState<Consent>();
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();

  const load = useCallback(async () => {
    if (!recordId) return;
    setOrgs(entries(await api(`/fhir/Organization?_count=200&_sort=name`)));
    const active = entries<Consent>(await api(`/fhir/Consent?patient=Patient/${recordId}&status=active`));
    setShares(active.filter((c) => !c.provision?.actor?.some((a) => a.role?.coding?.some((x) => x.code === 'carer')) && (c.provision?.period?.end ?? '9999') >= today()));
  }, [recordId]);
  useEffect(() => void load(), [load]);

  const orgName = (reference?: string) => orgs.find((o) => `Organization/${o.id}` === reference)?.name ?? 'an organisation';
  const chosenOrg = orgName(`Organization/${orgId}`);
  const existing = shares.find((c) => granteeOf(c) === `Organization/${orgId}`);
  const extended = shares.find((c) => c.id === extending);
  const go = (next: Step) => {
    setError(undefined);
    setStep(next);
  };
  const reset = () => {
    setStep('who'); setOrgId(''); setClasses([]); setChoice(''); setDate(noDate); setExtending(''); setExtendAnswer('');
  };
  const end = shareEnd(choice, date, new Date());

  const fromWho = () => {
    if (!orgId) return setError(problem('org', 'Choose who to share with'));
    if (existing) return go('existing');
    setExtending('');
    go('what');
  };
  const fromExisting = () => {
    if (!extendAnswer) return setError(problem('extend', `Choose whether to extend the share you have with ${chosenOrg}`));
    setExtending(extendAnswer === 'yes' ? existing!.id! : '');
    go(extendAnswer === 'yes' ? 'how-long' : 'what');
  };
  const fromWhat = () => (classes.length === 0 ? setError(problem('classes', 'Choose what they can see')) : go('how-long'));
  const fromHowLong = () => {
    if ('problem' in end) return setError(problem(end.field === 'duration' ? 'duration' : `end-${end.field}`, end.problem));
    const current = extended?.provision?.period?.end;
    if (current && end.end <= current.slice(0, 10)) return setError(problem('duration', `The share already lasts until ${longDate(current)}. Choose a later end to extend it.`));
    go('check');
  };

  const confirm = async () => {
    if ('problem' in end) return go('how-long');
    try {
      if (extended) {
        const longer = { ...extended, provision: { ...extended.provision, period: { ...extended.provision?.period, end: end.end } } };
        await api(`/fhir/Consent/${extended.id}`, { method: 'PUT', body: longer, fhir: true, ifMatch: extended.meta?.versionId });
        setDone(`Your share with ${chosenOrg} now lasts until ${longDate(end.end)}.`);
      } else {
        const resourceTypes = dataClasses.filter((c) => classes.includes(c.id)).flatMap((c) => c.resourceTypes);
        const consent = shareConsent({ patientId: recordId!, grantee: `Organization/${orgId}`, resourceTypes, start: today(), end: end.end, now: new Date() });
        await api('/fhir/Consent', { method: 'POST', body: consent, fhir: true });
        setDone(`You are now sharing with ${chosenOrg} until ${longDate(end.end)}.`);
      }
      setError(undefined);
      reset();
      await load();
    } catch (err) {
      setError(err as ApiError);
    }
  };

  const stop = async (consent: Consent) => {
    try {
      await api(`/fhir/Consent/${consent.id}`, { method: 'PUT', body: { ...consent, status: 'inactive' }, fhir: true, ifMatch: consent.meta?.versionId });
      setDone(`Stopped sharing with ${orgName(granteeOf(consent))}. They can no longer see your record.`);
    } catch (err) {
      setError(err as ApiError);
    }
    setStopping(undefined);
    await load();
  };

  if (stopping) return <><h1>Sharing</h1><StopSharing who={orgName(granteeOf(stopping))} onYes={() => void stop(stopping)} onNo={() => setStopping(undefined)} /></>;

  return (
    <>
      <h1>Sharing</h1>
      <p role="status" aria-live="polite">{done}</p>
      <h2>Who can see your record now</h2>
      {shares.length === 0 ? <p>You are not sharing with anyone.</p> : (
        <ul className="nhsuk-list nhsuk-list--border">
          {shares.map((c) => (
            <li key={c.id} data-testid="share">
              <strong>{orgName(granteeOf(c))}</strong> sees {dataClassesOf((c.provision?.class ?? []).map((x) => x.code ?? '')).map((d) => d.label.toLowerCase()).join('; ')} until {longDate(c.provision?.period?.end)}.{' '}
              {decides ? <Button secondary small onClick={() => { setDone(undefined); setStopping(c); }} aria-label={`Stop sharing with ${orgName(granteeOf(c))}`}>Stop sharing</Button> : null}
            </li>
          ))}
        </ul>
      )}
      {decides ? null : <p>Only {caredFor?.name ?? 'the person'} can change who sees their record. As their carer you can see who they share with.</p>}
      {decides ? <>
      <h2>Share your record</h2>
      <Problems error={error} fieldIds={{ org: 'org', extend: 'extend-yes', classes: `class-${dataClasses[0]!.id}`, duration: 'duration', 'end-day': 'end-day', 'end-month': 'end-month', 'end-year': 'end-year' }} />
      <p className="nhsuk-caption-m">Step {stepNumber[step]} of 4</p>
      {step === 'who' ? (
        <div className={`nhsuk-form-group${fieldProblem(error, 'org') ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label nhsuk-label--m" htmlFor="org">Who do you want to share with?</label>
          {fieldProblem(error, 'org') ? <span className="nhsuk-error-message" id="org-error"><span className="nhsuk-u-visually-hidden">Error:</span> {fieldProblem(error, 'org')}</span> : null}
          <select className="nhsuk-select" id="org" value={orgId} aria-describedby={fieldProblem(error, 'org') ? 'org-error' : undefined} onChange={(e) => setOrgId(e.target.value)}>
            <option value="">Choose</option>
            {orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
          <p><Button onClick={fromWho}>Continue</Button></p>
        </div>
      ) : step === 'existing' && existing ? (
        <div className={`nhsuk-form-group${fieldProblem(error, 'extend') ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">You already share with {chosenOrg}. Do you want to extend that share instead?</legend>
            <div className="nhsuk-hint">They see {dataClassesOf((existing.provision?.class ?? []).map((x) => x.code ?? '')).map((d) => d.label.toLowerCase()).join('; ')} until {longDate(existing.provision?.period?.end)}.</div>
            {fieldProblem(error, 'extend') ? <span className="nhsuk-error-message"><span className="nhsuk-u-visually-hidden">Error:</span> {fieldProblem(error, 'extend')}</span> : null}
            <div className="nhsuk-radios">
              <div className="nhsuk-radios__item">
                <input className="nhsuk-radios__input" id="extend-yes" type="radio" name="extend" checked={extendAnswer === 'yes'} onChange={() => setExtendAnswer('yes')} />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor="extend-yes">Yes, extend the share I have</label>
              </div>
              <div className="nhsuk-radios__item">
                <input className="nhsuk-radios__input" id="extend-no" type="radio" name="extend" checked={extendAnswer === 'no'} onChange={() => setExtendAnswer('no')} />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor="extend-no">No, share something else with them as well</label>
              </div>
            </div>
          </fieldset>
          <p><Button secondary onClick={() => go('who')}>Back</Button> <Button onClick={fromExisting}>Continue</Button></p>
        </div>
      ) : step === 'what' || step === 'existing' ? (
        <div className={`nhsuk-form-group${fieldProblem(error, 'classes') ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">What can {chosenOrg} see?</legend>
            <div className="nhsuk-hint">Your name and date of birth are always shared. Mental health, alcohol and sexual health are never shared unless you ask.</div>
            {fieldProblem(error, 'classes') ? <span className="nhsuk-error-message"><span className="nhsuk-u-visually-hidden">Error:</span> {fieldProblem(error, 'classes')}</span> : null}
            <div className="nhsuk-checkboxes">
              {dataClasses.map((c) => (
                <div className="nhsuk-checkboxes__item" key={c.id}>
                  <input className="nhsuk-checkboxes__input" id={`class-${c.id}`} type="checkbox" checked={classes.includes(c.id)} onChange={(e) => setClasses(e.target.checked ? [...classes, c.id] : classes.filter((x) => x !== c.id))} />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`class-${c.id}`}>{c.label}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <p><Button secondary onClick={() => go('who')}>Back</Button> <Button onClick={fromWhat}>Continue</Button></p>
        </div>
      ) : step === 'how-long' ? (
        <>
          <ShareDuration choice={choice} date={date} problem={error?.problems.find((p) => p.field === 'duration' || p.field.startsWith('end-')) ? { text: error.message, field: error.problems[0]!.field.replace(/^end-/, '') } : undefined} onChoice={setChoice} onDate={setDate} />
          <p><Button secondary onClick={() => go(extending ? 'existing' : 'what')}>Back</Button> <Button onClick={fromHowLong}>Continue</Button></p>
        </>
      ) : (
        <ShareCheck
          who={chosenOrg}
          what={extended ? [] : dataClasses.filter((c) => classes.includes(c.id)).map((c) => c.label)}
          until={'end' in end ? longDate(end.end) : ''}
          extending={Boolean(extended)}
          onChange={(n) => go(n === 1 ? 'who' : n === 2 ? 'what' : 'how-long')}
          onConfirm={() => void confirm()}
        />
      )}
      </> : null}
    </>
  );
}
