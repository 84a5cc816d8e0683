import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { useSession } from '../../session.tsx';
import { accessLog as say } from '../content/access-log.ts';
import { common } from '../content/common.ts';
import { BigLink, IdeaLine, Ideas, Screen } from '../parts.tsx';

interface Line { when: string; who: string; text: string; outcome: 'allowed' | 'refused' }

/** Who has looked at the record, newest first: the service's own plain lines, each with a drawing. */
export function EasyAccessLog() {
  const { recordId } = useSession();
  const [lines, setLines] = useState<Line[]>();
  useEffect(() => {
    if (recordId) void api<{ entries: Line[] }>(`/fhir/Patient/${recordId}/access-log`).then((r) => setLines(r.entries));
  }, [recordId]);
  return (
    <Screen title={say.title} symbol="list">
      <Ideas ideas={say.about} />
      {!lines ? <p role="status">{common.loading}</p> : lines.length === 0 ? <IdeaLine idea={say.nobody} /> : (
        <ul className="redbag-er-list" data-testid="easy-access-log">
          {lines.map((l, i) => (
            <li key={i}>
              <IdeaLine idea={l.outcome === 'refused' ? say.refused : say.looked}>{l.text}{l.outcome === 'refused' ? ` ${say.stopped}` : ''}</IdeaLine>
            </li>
          ))}
        </ul>
      )}
      <IdeaLine idea={say.worried} />
      <BigLink href="/home" text={common.home} symbol="home" />
    </Screen>
  );
}
