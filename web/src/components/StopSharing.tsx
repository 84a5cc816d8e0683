import { Button } from 'nhsuk-react-components';
import { useEffect, useRef } from 'react';

/** The NHS.UK confirmation before something that cannot simply be taken back: what stops, and a way out. */
export function StopSharing({ who, onYes, onNo }: { who: string; onYes(): void; onNo(): void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div data-testid="stop-sharing">
      <h2 tabIndex={-1} ref={heading}>Are you sure you want to stop sharing with {who}?</h2>
      <div className="nhsuk-warning-callout">
        <h3 className="nhsuk-warning-callout__label"><span role="text"><span className="nhsuk-u-visually-hidden">Important: </span>What happens next</span></h3>
        <p>{who} will not be able to see your record from now on. What they have already seen stays in the list of who has seen your record. To share with them again, you will need to make a new share.</p>
      </div>
      <Button warning onClick={onYes}>Yes, stop sharing</Button>{' '}
      <Button secondary onClick={onNo}>No, keep sharing</Button>
    </div>
  );
}
