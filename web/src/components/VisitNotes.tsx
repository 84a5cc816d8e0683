import { useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import type { Communication, Flag } from '@medplum/fhirtypes';
import { api, ApiError } from '../api/client.ts';
import { Problems } from './Problems.tsx';
import { useSession } from '../session.tsx';
import { useDraft } from '../use-draft.ts';

/**
 * For a home-care worker: add a visit note, or raise a concern to the person's care team. The
 * person must have allowed notes in her share; the server decides, and says so plainly if not.
 */
export function VisitNotes({ patientId }: { patientId: string }) {
  const { me } = useSession();
  const [text, setText, clearText] = useDraft(`visit-note-${patientId}`, '');
  const [kind, setKind] = useState<'note' | 'concern'>('note');
  const [error, setError] = useState<ApiError>();
  const [status, setStatus] = useState<string>();
  const author = { reference: me?.practitionerRole ?? '' };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const now = new Date().toISOString();
    const resource: Flag | Communication =
      kind === 'concern'
        ? { resourceType: 'Flag', status: 'active', category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/flag-category', code: 'clinical', display: 'Clinical' }] }], code: { text }, subject: { reference: `Patient/${patientId}` }, period: { start: now }, author }
        : { resourceType: 'Communication', status: 'completed', subject: { reference: `Patient/${patientId}` }, sent: now, sender: author, payload: [{ contentString: text }] };
    try {
      await api(`/fhir/${resource.resourceType}`, { method: 'POST', body: resource, fhir: true });
      setError(undefined);
      setStatus(kind === 'concern' ? 'Concern raised. The person and their care team can see it.' : 'Visit note added.');
      clearText();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <section>
      <h2 className="nhsuk-heading-m">After your visit</h2>
      <p role="status" aria-live="polite">{status}</p>
      <Problems error={error} />
      <form onSubmit={send} noValidate>
        <div className="nhsuk-radios nhsuk-radios--inline">
          {(['note', 'concern'] as const).map((k) => (
            <div className="nhsuk-radios__item" key={k}>
              <input className="nhsuk-radios__input" id={`kind-${k}`} type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={`kind-${k}`}>{k === 'note' ? 'A visit note' : 'A concern for the care team'}</label>
            </div>
          ))}
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="visit-text">What happened</label>
          <textarea className="nhsuk-textarea" id="visit-text" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <Button type="submit" disabled={!text.trim()}>{kind === 'concern' ? 'Raise the concern' : 'Add the note'}</Button>
      </form>
    </section>
  );
}
