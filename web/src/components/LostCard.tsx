import { useState } from 'react';
import { Button } from 'nhsuk-react-components';
import { api, ApiError } from '../api/client.ts';
import { Problems } from './Problems.tsx';

/**
 * "Report lost card": after a confirmation, every card made until now is cancelled (it goes on the
 * revocation list, so a crew's scanner shows it as revoked). Only she or a carer who manages her
 * record may; the service decides, and says so plainly if not.
 */
export function LostCard({ recordId, onCancelled }: { recordId: string; onCancelled: () => void }) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'done'>('idle');
  const [error, setError] = useState<ApiError>();
  const cancel = async () => {
    try {
      await api(`/fhir/Patient/${recordId}/$health-cards-revoke`, { method: 'POST' });
      setStep('done');
      onCancelled();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 404 ? new ApiError(403, 'Only the person, or a carer who manages the record, can cancel the card.', []) : (err as ApiError));
    }
  };
  return (
    <section aria-labelledby="lost-card">
      <h2 id="lost-card">Lost your card?</h2>
      <Problems error={error} />
      {step === 'done' ? (
        <div className="nhsuk-inset-text" role="status">
          <p>The lost card is cancelled: a crew scanning it will see it is no longer valid.</p>
          <a className="nhsuk-button" href={`/red-bag/${recordId}/print?size=a4`} target="_blank" rel="noreferrer">Print a new card</a>
        </div>
      ) : step === 'confirm' ? (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label"><span role="text">Cancel every card printed until now?</span></h3>
          <p>Anyone who finds the lost card cannot make it look current: scanners will show it, and every other card printed until now, as cancelled. Print a new card straight after.</p>
          <Button onClick={() => void cancel()}>Yes, cancel the card</Button> <Button secondary onClick={() => setStep('idle')}>No, keep it</Button>
        </div>
      ) : (
        <Button secondary onClick={() => setStep('confirm')}>Report lost card</Button>
      )}
    </section>
  );
}
