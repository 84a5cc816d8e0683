import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';

/** GET /red-bag/{id}/card-status: is the printed card still what the record says? */
export interface CardStatus {
  state: 'none' | 'current' | 'out-of-date' | 'lost';
  madeAt?: string;
  lostAt?: string;
  changes: { kind: string; change: string; label: string }[];
  message: string;
}

/** The printed card's status, fetched again when the person comes back to the tab (after printing, say). */
export function useCardStatus(recordId: string | undefined): [CardStatus | undefined, () => void] {
  const [status, setStatus] = useState<CardStatus>();
  const load = useCallback(async () => {
    if (!recordId) return;
    setStatus(await api<CardStatus>(`/red-bag/${recordId}/card-status`).catch(() => undefined));
  }, [recordId]);
  useEffect(() => {
    void load();
    const again = () => void load();
    addEventListener('focus', again);
    return () => removeEventListener('focus', again);
  }, [load]);
  return [status, () => void load()];
}

/**
 * On the home page (hers and her carers'): when the printed card no longer shows what the record
 * says, or was reported lost, say so and what changed, with one button to print again.
 */
export function PrintedCardWarning({ recordId, status }: { recordId: string; status: CardStatus | undefined }) {
  if (!status || (status.state !== 'out-of-date' && status.state !== 'lost')) return null;
  return (
    <div className="nhsuk-warning-callout" data-testid="printed-card-warning">
      <h2 className="nhsuk-warning-callout__label">
        <span role="text"><span className="nhsuk-u-visually-hidden">Important: </span>{status.state === 'lost' ? 'The Red Bag card was reported lost' : 'The printed Red Bag is out of date'}</span>
      </h2>
      <p>{status.message}</p>
      <a className="nhsuk-button" href={`/red-bag/${recordId}/print?size=a4`} target="_blank" rel="noreferrer">Print again</a>
    </div>
  );
}
