import { useEffect, useState } from 'react';
import { Link } from '../../components/Link.tsx';
import { useSession } from '../../session.tsx';
import { loadDetails, loadSecondFactor, nhsNumberSpaced, ukDate, type Details, type SecondFactorStatus } from './account-api.ts';

function Row({ label, value, change, changeLabel }: { label: string; value: string; change: string; changeLabel: string }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{value}</dd>
      <dd className="nhsuk-summary-list__actions">
        <Link href={change}>Change<span className="nhsuk-u-visually-hidden"> {changeLabel}</span></Link>
      </dd>
    </div>
  );
}

/** "Your account": what we hold about how she signs in and who she is, each with its own Change link. */
export function AccountPage() {
  const { me } = useSession();
  const [details, setDetails] = useState<Details>();
  const [factor, setFactor] = useState<SecondFactorStatus>();
  const person = me?.kind === 'person';
  useEffect(() => {
    if (person) void loadDetails().then(setDetails);
    void loadSecondFactor().then(setFactor);
  }, [person]);
  return (
    <>
      <h1>Your account</h1>
      {person ? (
        <>
          <h2>Your details</h2>
          {details ? (
            <dl className="nhsuk-summary-list">
              <Row label="Name" value={`${details.given} ${details.family}`} change="/account/details" changeLabel="name" />
              <Row label="Date of birth" value={details.birthDate ? ukDate(details.birthDate) : 'Not given'} change="/account/details" changeLabel="date of birth" />
              <Row label="NHS number" value={details.nhsNumber ? nhsNumberSpaced(details.nhsNumber) : 'Not given'} change="/account/details" changeLabel="NHS number" />
            </dl>
          ) : <p role="status">Loading…</p>}
        </>
      ) : null}
      <h2>Signing in</h2>
      <dl className="nhsuk-summary-list">
        <Row label="Email address" value={me?.email ?? ''} change="/account/email" changeLabel="email address" />
        <Row label="Password" value="Hidden for your safety" change="/account/password" changeLabel="password" />
        <Row
          label="Authenticator app"
          value={factor ? (factor.enabled ? `On. ${factor.recoveryCodesLeft} recovery codes left.` : factor.required ? 'Needed for your account' : 'Off. You can add one for extra safety.') : 'Loading…'}
          change="/account/second-factor"
          changeLabel="authenticator app"
        />
      </dl>
      {person ? (
        <>
          <h2>Close your account</h2>
          <p>You can take your record with you, then delete your account and your record.</p>
          <p><Link href="/account/close">Close your account</Link></p>
        </>
      ) : null}
    </>
  );
}
