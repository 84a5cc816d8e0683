import { useCallback, useEffect, useState } from 'react';
import { Button } from 'nhsuk-react-components';
import type { Bundle } from '@medplum/fhirtypes';
import { api, ApiError } from '../api/client.ts';
import { EmergencyDetails } from '../components/EmergencyDetails.tsx';
import { Problems } from '../components/Problems.tsx';
import { LostCard } from '../components/LostCard.tsx';
import { PrintedCardWarning, useCardStatus } from '../components/PrintedCardStatus.tsx';
import { emergencyView } from '../scan/emergency-view.ts';
import { noticeOfCard } from '../scan/card-notice.ts';
import { useSession } from '../session.tsx';
import { showDate } from '../uk-dates.ts';

interface HealthLink { id: string; label: string; expiresAt: string; revoked: boolean; accesses: { at: string; recipient: string; outcome: string }[] }

/** Preview, print, show the code full-screen, and the links to the full summary. */
export function RedBagPage() {
  const { recordId } = useSession();
  const [summary, setSummary] = useState<Bundle>();
  const [links, setLinks] = useState<HealthLink[]>([]);
  const [showCode, setShowCode] = useState(false);
  const [newLink, setNewLink] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [cardNotice, setCardNotice] = useState<string>();
  const [card, reloadCard] = useCardStatus(recordId);

  const load = useCallback(async () => {
    if (!recordId) return;
    setSummary(await api<Bundle>(`/fhir/Patient/${recordId}/$summary`));
    setLinks(await api<HealthLink[]>(`/fhir/Patient/${recordId}/health-links`).catch(() => []));
    // What her code itself says it leaves out: she should know before a crew does.
    const card = await api<{ parameter?: { name: string; valueString?: string }[] }>(`/fhir/Patient/${recordId}/$health-cards-issue`, { method: 'POST', body: { resourceType: 'Parameters' }, fhir: true }).catch(() => undefined);
    const jws = card?.parameter?.find((p) => p.name === 'verifiableCredential')?.valueString;
    setCardNotice(jws ? await noticeOfCard(jws).catch(() => undefined) : undefined);
  }, [recordId]);
  useEffect(() => void load(), [load]);

  const makeLink = async () => {
    try {
      const made = await api<{ shlink: string }>(`/fhir/Patient/${recordId}/health-links`, { method: 'POST', body: { label: 'My Red Bag', expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() } });
      setNewLink(made.shlink);
      await load();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const revoke = async (id: string) => {
    await api(`/fhir/Patient/${recordId}/health-links/${id}`, { method: 'DELETE' });
    await load();
  };

  if (showCode && recordId) {
    return (
      <div className="redbag-fullscreen">
        <h1 className="nhsuk-u-visually-hidden">Red Bag code</h1>
        <img src={`/red-bag/${recordId}/qr.svg`} alt="Red Bag QR code: a crew scans it to see allergies, resuscitation wishes, conditions, medicines and who to call" />
        <Button onClick={() => setShowCode(false)}>Close</Button>
      </div>
    );
  }
  return (
    <>
      <h1>Your Red Bag</h1>
      <Problems error={error} />
      <div className="nhsuk-action-link">
        <Button onClick={() => setShowCode(true)}>Show the code full-screen</Button>
      </div>
      {cardNotice ? (
        <div className="nhsuk-inset-text" data-testid="card-notice">
          <p>Your code says: “{cardNotice}”</p>
          {cardNotice.startsWith('Not on this card') ? (
            <p>One code holds only a little. The printout has it all in words, and a Red Bag link (below) opens your full summary.</p>
          ) : null}
        </div>
      ) : null}
      {recordId ? <PrintedCardWarning recordId={recordId} status={card} /> : null}
      <h2>Print</h2>
      <p>Each printout has two codes: the card itself, which a crew can check without the internet, and a link to your whole Red Bag. The link works for a year without a passcode, so a crew can open it at once; it is listed under “Links to your full summary” below as “Printed Red Bag”, where you can see each time it was opened and stop it. If you lose a printout, stop that link and print again: your other printouts share the link, so replace them too.</p>
      <ul className="nhsuk-list">
        <li><a href={`/red-bag/${recordId}/print?size=a4`} target="_blank" rel="noreferrer">A4 page for the fridge (opens in a new tab)</a> · <a href={`/red-bag/${recordId}/print?size=a4&format=pdf`}>PDF</a></li>
        <li><a href={`/red-bag/${recordId}/print?size=wallet`} target="_blank" rel="noreferrer">Wallet card (opens in a new tab)</a> · <a href={`/red-bag/${recordId}/print?size=wallet&format=pdf`}>PDF</a></li>
      </ul>
      {recordId ? <LostCard recordId={recordId} onCancelled={reloadCard} /> : null}
      <h2>What a crew will see</h2>
      {summary ? <EmergencyDetails view={emergencyView(summary)} /> : <p role="status">Building your summary…</p>}
      <h2>Links to your full summary</h2>
      <p>A link lets a hospital or carer open your whole summary. You can stop it at any time.</p>
      {newLink ? <div className="nhsuk-inset-text"><p>New link (copy it or show it as a code):</p><p className="redbag-break">{newLink}</p></div> : null}
      <Button secondary onClick={() => void makeLink()}>Make a link (lasts 30 days)</Button>
      <ul className="nhsuk-list nhsuk-list--border">
        {links.map((l) => (
          <li key={l.id}>
            <strong>{l.label}</strong> — {l.revoked ? 'stopped' : `until ${showDate(l.expiresAt)}`}, opened {l.accesses.length} {l.accesses.length === 1 ? 'time' : 'times'}
            {l.revoked ? null : <> <Button secondary small onClick={() => void revoke(l.id)}>Stop this link</Button></>}
          </li>
        ))}
      </ul>
    </>
  );
}
