import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import { browserDirectory, loadTrustList } from '../scan/browser-directory.ts';
import { decodeQr } from '../scan/decode-image.ts';
import type { IssuerDirectory } from '../scan/issuer-directory.ts';
import { forgetScan, keptScan } from '../scan/kept-scan.ts';
import { decodeLink, type LinkPayload } from '../scan/open-health-link.ts';
import { readScannedText, UnreadableCode } from '../scan/shc-code.ts';
import { verifyCard, type CardCheck } from '../scan/verify-card.ts';
import { CardResult } from '../components/CardResult.tsx';
import { LinkResult } from '../components/LinkResult.tsx';
import { formatDate } from '../components/EmergencyDetails.tsx';
import { useCamera } from '../scan/use-camera.ts';

type Result = { kind: 'card'; check: CardCheck } | { kind: 'link'; link: LinkPayload } | { kind: 'problem'; message: string };

/** /scan: for ambulance crews and carers. No account; works offline once opened; keeps nothing from a scan unless asked. */
export function ScanPage() {
  const [directory, setDirectory] = useState<IssuerDirectory>();
  const [status, setStatus] = useState('Getting ready…');
  const [result, setResult] = useState<Result>();
  const [pasted, setPasted] = useState('');
  const [kept, setKept] = useState(() => keptScan());
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void (async () => {
      const dir = browserDirectory(await loadTrustList());
      setDirectory(dir);
      if (navigator.onLine) await dir.refresh();
      const last = dir.lastRefreshed();
      setStatus(last ? `Ready. Issuer keys updated ${formatDate(last)}.` : 'Ready. Go online once so this scanner can fetch the keys it checks cards with.');
    })();
  }, []);

  const check = useMemo(
    () => async (text: string) => {
      if (!directory) return;
      setStatus('Checking the code…');
      // Measured by `npm run bench` (performance entries named redbag-check): reading plus verifying, before drawing.
      const started = performance.now();
      let next: Result;
      try {
        const scanned = readScannedText(text);
        if (scanned.kind === 'card') next = { kind: 'card', check: await verifyCard(scanned.jws, directory, new Date()) };
        else {
          const link = decodeLink(scanned.text, new Date());
          next = 'status' in link ? { kind: 'problem', message: link.reason } : { kind: 'link', link };
        }
      } catch (err) {
        next = { kind: 'problem', message: err instanceof UnreadableCode ? err.message : 'The code could not be read. Try again, closer and in good light.' };
      }
      performance.measure('redbag-check', { start: started, end: performance.now() });
      setResult(next);
      setStatus(next.kind === 'card' ? (next.check.status === 'verified' ? 'Verified.' : next.check.status === 'superseded' ? 'Verified, but newer information exists.' : next.check.status === 'revoked' ? 'Revoked.' : 'Not verified.') : next.kind === 'link' ? 'Red Bag link found.' : 'Could not read the code.');
    },
    [directory],
  );

  // A printed link code holds this page's address with the link after '#': a phone camera opens
  // it here, and it is opened at once as if scanned (the '#' part never reaches the server).
  useEffect(() => {
    if (directory && /^#shlink:\//.test(window.location.hash)) void check(window.location.hash);
  }, [directory, check]);

  const camera = useCamera((text) => void check(text));
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setStatus('Reading the photo…');
    const text = await decodeQr(await createImageBitmap(file)).catch(() => undefined);
    if (text) await check(text);
    else {
      setResult({ kind: 'problem', message: 'No code was found in that photo. Take it again, closer, with the whole code in view.' });
      setStatus('No code found.');
    }
  };

  const onPaste = (event: FormEvent) => {
    event.preventDefault();
    if (pasted.trim()) void check(pasted);
  };

  return (
    <>
      <h1>Scan a Red Bag code</h1>
      <p className="nhsuk-body-l">Point the camera at the code on the card, the fridge or the person’s phone. You do not need an account.</p>
      <p role="status" aria-live="polite" className="nhsuk-body" data-testid="status">{status}</p>

      <div ref={resultRef} tabIndex={-1} role="region" aria-label="Scan result">
        {result?.kind === 'card' ? <CardResult check={result.check} /> : null}
        {result?.kind === 'link' ? <LinkResult link={result.link} /> : null}
        {result?.kind === 'problem' ? (
          <div className="redbag-banner redbag-banner--not-verified" data-testid="banner">Could not read the code<p>{result.message}</p></div>
        ) : null}
      </div>

      {result ? <h2 className="nhsuk-heading-m">Scan another code</h2> : null}
      {camera.error ? <div className="nhsuk-error-message" role="alert">{camera.error}</div> : null}
      <video ref={camera.videoRef} className="redbag-camera" muted playsInline hidden={!camera.active} aria-label="Camera view" />
      {camera.active ? (
        <Button secondary onClick={camera.stop}>Stop the camera</Button>
      ) : (
        <Button onClick={() => void camera.start()} disabled={!directory}>Scan with the camera</Button>
      )}

      <div className="nhsuk-form-group">
        <label className="nhsuk-label nhsuk-label--s" htmlFor="photo">Or use a photo of the code</label>
        <input className="nhsuk-file-upload" id="photo" type="file" accept="image/*" capture="environment" disabled={!directory} onChange={(e) => void onFile(e.target.files?.[0])} />
      </div>

      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary"><span className="nhsuk-details__summary-text">Paste the code’s text instead</span></summary>
        <div className="nhsuk-details__text">
          <form onSubmit={onPaste}>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="code-text">Code text (starts with shc:/ or shlink:/)</label>
              <textarea className="nhsuk-textarea" id="code-text" rows={3} value={pasted} onChange={(e) => setPasted(e.target.value)} />
            </div>
            <Button type="submit" secondary disabled={!directory}>Check the code</Button>
          </form>
        </div>
      </details>


      {kept ? (
        <div className="nhsuk-inset-text">
          <p>A scan from {formatDate(kept.keptAt)} is kept on this device.</p>
          <Button secondary onClick={() => { forgetScan(); setKept(undefined); }}>Forget it</Button>
        </div>
      ) : null}
    </>
  );
}
