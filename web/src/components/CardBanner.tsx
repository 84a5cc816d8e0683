import type { CardCheck } from '../scan/verify-card.ts';
import { formatDate } from './EmergencyDetails.tsx';

/** "14 June 2026", from the card's nbf (seconds) or an ISO time. */
const day = (value: number | string): string => formatDate(new Date(typeof value === 'number' ? value * 1000 : value));

/**
 * What the crew is told first about a card. Green: genuine (and, online, what her record says
 * now). Amber: genuine but older — a newer card, or a record changed since — and since when. Black:
 * cancelled (a lost card). Red: not to be trusted. Offline, the date it was made is shown large,
 * as nothing can say whether it is her latest.
 */
export function CardBanner({ check }: { check: CardCheck }) {
  switch (check.status) {
    case 'verified':
      return (
        <div className="redbag-banner redbag-banner--verified" data-testid="banner">
          Verified
          {check.confirmedCurrent ? (
            <p>Made by {check.issuerName} on {day(check.card.nbf)}. {check.issuerName} says it shows what their record says now.</p>
          ) : (
            <>
              <p className="redbag-made-on" data-testid="made-on">Made on {day(check.card.nbf)}</p>
              <p>Made by {check.issuerName}. This device could not check whether a newer card exists: if that date is long ago, ask for their latest card.</p>
            </>
          )}
        </div>
      );
    case 'superseded':
      return (
        <div className="redbag-banner redbag-banner--superseded" data-testid="banner">
          Newer information since {day(check.newerSince)}
          <p>
            This card is genuine but older: it was made on {day(check.card.nbf)}.{' '}
            {check.reason === 'newer-card'
              ? `Since ${day(check.newerSince)} the person has had a newer card with different information.`
              : `Since ${day(check.newerSince)} the person’s record has changed in what this card shows.`}{' '}
            Check allergies and medicines with them or their carer, and ask for their latest card or Red Bag link.
          </p>
        </div>
      );
    case 'revoked':
      return (
        <div className="redbag-banner redbag-banner--revoked" data-testid="banner">
          Revoked: this card has been replaced
          <p>The person (or their carer) has cancelled this card. Do not rely on it. Ask for their current Red Bag or check their record.</p>
        </div>
      );
    default:
      return (
        <div className="redbag-banner redbag-banner--not-verified" data-testid="banner">
          Not verified
          <p>{check.reason}</p>
        </div>
      );
  }
}
