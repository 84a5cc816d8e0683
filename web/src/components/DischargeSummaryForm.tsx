import { useState, type FormEvent } from 'react';
import type { Composition } from '@medplum/fhirtypes';
import { api, ApiError } from '../api/client.ts';
import { useSession } from '../session.tsx';
import { useDraft } from '../use-draft.ts';
import { Link } from './Link.tsx';
import { Problems } from './Problems.tsx';

/** The parts of a discharge summary people look for, in the order they read them. */
const parts = [
  { id: 'happened', title: 'What happened in hospital', hint: 'For example: broken hip (left), repaired on 2 March' },
  { id: 'medicines', title: 'Changes to medicines', hint: 'Started, stopped or changed, and for how long' },
  { id: 'next', title: 'What happens next', hint: 'Follow-up appointments, tests, who to contact' },
  { id: 'support', title: 'Support needed at home', hint: 'For example: help washing and dressing each morning for 4 weeks' },
] as const;

/**
 * A discharge coordinator (or clinician) writes the discharge summary into the person's record: a
 * FHIR Composition (LOINC 18842-5), one section a part, authored by her. What she types is kept
 * in this browser until it is sent, so a lost connection loses nothing.
 */
export function DischargeSummaryForm({ patientId, personName, back }: { patientId: string; personName: string; back: string }) {
  const { me } = useSession();
  const [title, setTitle, clearTitle] = useDraft(`discharge-title-${patientId}`, 'Discharge summary');
  const [texts, setTexts, clearTexts] = useDraft<Record<string, string>>(`discharge-${patientId}`, {});
  const [error, setError] = useState<ApiError>();
  const [sent, setSent] = useState(false);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const sections = parts.filter((p) => texts[p.id]?.trim()).map((p) => ({ title: p.title, text: { status: 'generated' as const, div: xhtml(texts[p.id]!) } }));
    if (!sections.length) {
      setError(new ApiError(400, 'Write at least one part of the summary.', [{ field: 'happened', text: 'Write at least one part of the summary.' }]));
      return;
    }
    const summary: Composition = {
      resourceType: 'Composition',
      status: 'final',
      type: { coding: [{ system: 'http://loinc.org', code: '18842-5', display: 'Discharge summary' }] },
      subject: { reference: `Patient/${patientId}` },
      date: new Date().toISOString(),
      author: [{ reference: me?.practitionerRole ?? '' }],
      title: title.trim() || 'Discharge summary',
      section: sections,
    };
    try {
      await api('/fhir/Composition', { method: 'POST', body: summary, fhir: true });
      clearTexts();
      clearTitle();
      setError(undefined);
      setSent(true);
    } catch (err) {
      setError(err as ApiError);
    }
  };

  if (sent) {
    return (
      <>
        <div className="nhsuk-panel" role="status">
          <h1 className="nhsuk-panel__title">Discharge summary added</h1>
          <div className="nhsuk-panel__body">It is in {personName}’s record. They are told, and those they share summaries with can read it.</div>
        </div>
        <p><Link href={back}>Back to {personName}’s shared plan</Link></p>
      </>
    );
  }
  return (
    <>
      <div className="nhsuk-back-link"><Link className="nhsuk-back-link__link" href={back}>Back to {personName}’s shared plan</Link></div>
      <h1>Write a discharge summary for {personName}</h1>
      <Problems error={error} fieldIds={{ happened: 'summary-happened' }} />
      <form onSubmit={send} noValidate>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="summary-title">Title</label>
          <input className="nhsuk-input" id="summary-title" value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        {parts.map((p) => (
          <div className="nhsuk-form-group" key={p.id}>
            <label className="nhsuk-label" htmlFor={`summary-${p.id}`}>{p.title}</label>
            <div className="nhsuk-hint" id={`summary-${p.id}-hint`}>{p.hint}</div>
            <textarea className="nhsuk-textarea" id={`summary-${p.id}`} aria-describedby={`summary-${p.id}-hint`} rows={3} value={texts[p.id] ?? ''} onChange={(e) => setTexts({ ...texts, [p.id]: e.target.value })} />
          </div>
        ))}
        <button type="submit" className="nhsuk-button">Add the summary to {personName}’s record</button>
      </form>
    </>
  );
}

/** Typed words as the section's narrative: escaped, a paragraph for each block of lines. */
function xhtml(text: string): string {
  const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const paragraphs = text.trim().split(/\n\s*\n/).map((p) => `<p>${escaped(p.trim()).replace(/\n/g, '<br/>')}</p>`);
  return `<div xmlns="http://www.w3.org/1999/xhtml">${paragraphs.join('')}</div>`;
}
