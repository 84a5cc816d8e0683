import { useEffect, useState } from 'react';

/**
 * How long an emergency access has left: "Emergency access ends at 14:05 (59 minutes left)". It
 * counts down on screen (not read aloud every minute: the time it ends is said once, in words).
 */
export function TimeLeft({ until }: { until: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const end = Date.parse(until);
  const minutes = Math.ceil((end - now) / 60_000);
  const at = new Date(end).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
  if (minutes <= 0) return <p className="nhsuk-body-l" data-testid="time-left"><strong>Emergency access ended at {at}.</strong> Open it again if you still need it.</p>;
  return (
    <p className="nhsuk-body-l" data-testid="time-left">
      <strong>Emergency access ends at {at}</strong> ({minutes === 1 ? '1 minute' : `${minutes} minutes`} left). You can read, not change, what an emergency needs. They and their carers are told.
    </p>
  );
}
