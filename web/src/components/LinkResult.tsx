import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import { openLink, type LinkOpening, type LinkPayload } from '../scan/open-health-link.ts';
import { emergencyView } from '../scan/emergency-view.ts';
import { EmergencyDetails } from './EmergencyDetails.tsx';
import { SummarySections } from './SummarySections.tsx';

const recipient = 'Paramedic (Red Bag scanner)';

/** A SMART Health Link: asks for the passcode when there is one, then decrypts the summary here, in the browser. */
export function LinkResult({ link }: { link: LinkPayload }) {
  const [opening, setOpening] = useState<LinkOpening | { status: 'opening' }>({ status: 'opening' });
  const [passcode, setPasscode] = useState('');
  const errorRef = useRef<HTMLDivElement>(null);

  const open = async (code?: string) => {
    setOpening({ status: 'opening' });
    setOpening(await openLink(link, { recipient, ...(code ? { passcode: code } : {}), fetch: (...args) => fetch(...args) }));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: open the link once each time it changes, not on every render
  useEffect(() => {
    void open();
  }, [link]);
  useEffect(() => {
    if (opening.status === 'wrong-passcode') errorRef.current?.focus();
  }, [opening]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void open(passcode);
  };

  return (
    <>
      <div className="redbag-banner redbag-banner--link" data-testid="banner">
        Red Bag link{link.label ? `: ${link.label}` : ''}
        <p>The full summary, fetched now from the person’s record and opened on this device.</p>
      </div>
      {opening.status === 'opening' ? <p role="status">Opening the link…</p> : null}
      {opening.status === 'unavailable' ? <div className="redbag-banner redbag-banner--not-verified">Cannot open the link<p>{opening.reason}</p></div> : null}
      {opening.status === 'needs-passcode' || opening.status === 'wrong-passcode' ? (
        <form onSubmit={submit} noValidate>
          {opening.status === 'wrong-passcode' ? (
            <div className="nhsuk-error-summary" aria-labelledby="passcode-error-title" role="alert" tabIndex={-1} ref={errorRef}>
              <h2 className="nhsuk-error-summary__title" id="passcode-error-title">That passcode is not right</h2>
              <div className="nhsuk-error-summary__body">
                <ul className="nhsuk-list nhsuk-error-summary__list">
                  <li><a href="#passcode">{opening.remainingAttempts !== undefined ? `${opening.remainingAttempts} tries left before the link locks.` : 'Check it and try again.'}</a></li>
                </ul>
              </div>
            </div>
          ) : null}
          <div className={`nhsuk-form-group${opening.status === 'wrong-passcode' ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label nhsuk-label--m" htmlFor="passcode">Passcode</label>
            <div className="nhsuk-hint" id="passcode-hint">The person or their carer will tell you. It is often written inside the Red Bag.</div>
            <input className="nhsuk-input nhsuk-input--width-10" id="passcode" name="passcode" type="text" autoComplete="off" autoCapitalize="none" spellCheck={false} aria-describedby="passcode-hint" value={passcode} onChange={(e) => setPasscode(e.target.value)} />
          </div>
          <Button type="submit">Open the summary</Button>
        </form>
      ) : null}
      {opening.status === 'opened'
        ? opening.documents.map((doc, i) => <div key={i}><EmergencyDetails view={emergencyView(doc)} /><SummarySections summary={doc} /></div>)
        : null}
    </>
  );
}
