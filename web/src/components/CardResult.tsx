import { useState } from 'react';
import { Button } from 'nhsuk-react-components';
import type { CardCheck } from '../scan/verify-card.ts';
import { emergencyView } from '../scan/emergency-view.ts';
import { keepScan } from '../scan/kept-scan.ts';
import { EmergencyDetails, formatDate } from './EmergencyDetails.tsx';

export function CardResult({ check }: { check: CardCheck }) {
  const [showUnchecked, setShowUnchecked] = useState(false);
  const [kept, setKept] = useState(false);
  const view = check.card ? emergencyView(check.card.bundle) : undefined;
  return (
    <>
      {check.status === 'verified' ? (
        <div className="redbag-banner redbag-banner--verified" data-testid="banner">
          Verified
          <p>Made by {check.issuerName} on {formatDate(check.card.nbf)}. Scan the code again later to check it is still current.</p>
        </div>
      ) : check.status === 'revoked' ? (
        <div className="redbag-banner redbag-banner--revoked" data-testid="banner">
          Revoked: this card has been replaced
          <p>The person (or their carer) has cancelled this card. Do not rely on it. Ask for their current Red Bag or check their record.</p>
        </div>
      ) : (
        <div className="redbag-banner redbag-banner--not-verified" data-testid="banner">
          Not verified
          <p>{check.reason}</p>
        </div>
      )}
      {view && check.status === 'verified' ? <EmergencyDetails view={view} /> : null}
      {view && check.status !== 'verified' ? (
        showUnchecked ? (
          <div className="redbag-unchecked">
            <p className="nhsuk-body-l"><strong>Not checked: this may be wrong or out of date.</strong></p>
            <EmergencyDetails view={view} />
          </div>
        ) : (
          <Button secondary onClick={() => setShowUnchecked(true)}>Show what the code says (not checked)</Button>
        )
      ) : null}
      {check.card && check.status === 'verified' ? (
        kept ? (
          <p>Kept on this device. You can forget it from the scan page.</p>
        ) : (
          <Button secondary onClick={() => { keepScan({ keptAt: new Date().toISOString(), status: check.status, bundle: check.card.bundle }); setKept(true); }}>
            Keep on this device
          </Button>
        )
      ) : null}
    </>
  );
}
