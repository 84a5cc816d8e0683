import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { groupAccessLog, type AccessLine as Line } from '../access-log-groups.ts';
import { useSession } from '../session.tsx';

/** Who has seen my record, newest first, in plain words; the same look repeated minutes apart is one line. */
export function AccessLogPage() {
  const { recordId } = useSession();
  const [who, setWho] = useState('');
  const [lines, setLines] = useState<Line[]>();
  useEffect(() => {
    if (!recordId) return;
    const timer = setTimeout(() => {
      void api<{ entries: Line[] }>(`/fhir/Patient/${recordId}/access-log${who ? `?who=${encodeURIComponent(who)}` : ''}`).then((r) => setLines(r.entries));
    }, 250);
    return () => clearTimeout(timer);
  }, [recordId, who]);
  return (
    <>
      <h1>Who has seen my record</h1>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="who">Show only</label>
        <div className="nhsuk-hint" id="who-hint">Type part of a name, for example “Northgate”</div>
        <input className="nhsuk-input nhsuk-input--width-20" id="who" aria-describedby="who-hint" value={who} onChange={(e) => setWho(e.target.value)} />
      </div>
      {!lines ? <p role="status">Loading…</p> : lines.length === 0 ? <p>No one else has looked at your record.</p> : (
        <ul className="nhsuk-list nhsuk-list--border" data-testid="access-log">
          {groupAccessLog(lines).map((l, i) => <li key={i}>{l.outcome === 'refused' ? <strong className="nhsuk-tag nhsuk-tag--red">Refused</strong> : null} {l.text}</li>)}
        </ul>
      )}
    </>
  );
}
