import { useState } from 'react';
import { Button } from 'nhsuk-react-components';
import type { CardCheck } from '../scan/verify-card.ts';
import { emergencyView } from '../scan/emergency-view.ts';
import { keepScan } from '../scan/kept-scan.ts';
import { CardBanner } from './CardBanner.tsx';
import { EmergencyDetails } from './EmergencyDetails.tsx';

export function CardResult({ check }: { check: CardCheck }) {
  const [showUnchecked, setShowUnchecked] = useState(false);
  const [kept, setKept] = useState(false);
  const view = check.card ? emergencyView(check.card.bundle) : undefined;
  // A superseded card is genuine: what it says is shown, under the amber banner that it is older.
  const genuine = check.status === 'verified' || check.status === 'superseded';
  return (
    <>
      <CardBanner check={check} />
      {view && genuine ? <EmergencyDetails view={view} /> : null}
      {view && !genuine ? (
        showUnchecked ? (
          <div className="redbag-unchecked">
            <p className="nhsuk-body-l"><strong>Not checked: this may be wrong or out of date.</strong></p>
            <EmergencyDetails view={view} />
          </div>
        ) : (
          <Button secondary onClick={() => setShowUnchecked(true)}>Show what the code says (not checked)</Button>
        )
      ) : null}
      {check.card && genuine ? (
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
