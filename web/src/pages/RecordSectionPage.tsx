import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import type { Resource } from '@medplum/fhirtypes';
import { api, ApiError, entries } from '../api/client.ts';
import { Problems, TextField, fieldProblem } from '../components/Problems.tsx';
import type { Section } from '../record-sections.ts';
import { useSession } from '../session.tsx';
import { useDraft } from '../use-draft.ts';
import { useEasyRead } from '../easy-read.tsx';
import { PlanProposals } from '../components/PlanProposals.tsx';
import { friendly, withFriendlyWords } from '../friendly-words.ts';
import { withUkDates } from '../../../src/cards/uk-date.ts';
import { inFormWords, sectionWords } from '../form-words.ts';

/** List, add, change and remove one part of the record; the server's messages go next to the fields. */
export function RecordSectionPage({ section }: { section: Section }) {
  const { recordId } = useSession();
  const patient = `Patient/${recordId}`;
  const [list, setList] = useState<Resource[]>();
  const [form, setForm, clearForm] = useDraft<Record<string, string>>(`section-${section.path}`, {});
  const [editing, setEditing] = useDraft<string>(`section-${section.path}-editing`, '');
  const [error, setError] = useState<ApiError>();
  const [status, setStatus] = useState<string>();
  const easyRead = useEasyRead();
  const [adding, setAdding] = useState(false);
  const showList = !easyRead || (!adding && !editing);
  const showForm = !easyRead || adding || Boolean(editing);
  const search = section.query?.(patient) ?? `patient=${patient}&_sort=-_lastUpdated`;

  const load = useCallback(async () => {
    if (recordId) setList(entries<Resource>(await api(`/fhir/${section.resourceType}?${search}`)).filter((r) => section.keep?.(r) ?? true));
  }, [recordId, section, search]);
  useEffect(() => void load(), [load]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const current = list?.find((r) => r.id === editing);
    const resource = section.fromForm(form, patient, current);
    try {
      if (current) await api(`/fhir/${section.resourceType}/${current.id}`, { method: 'PUT', body: resource, fhir: true });
      else await api(`/fhir/${section.resourceType}`, { method: 'POST', body: resource, fhir: true });
      setError(undefined);
      setStatus(current ? 'Changes saved.' : 'Saved.');
      clearForm();
      setEditing('');
      setAdding(false);
      await load();
    } catch (err) {
      setError(inFormWords(err, sectionWords[section.path] ?? {}, section.fields.map((f) => f.id)));
    }
  };
  const remove = async (resource: Resource) => {
    await api(`/fhir/${section.resourceType}/${resource.id}`, { method: 'DELETE' });
    setStatus('Removed.');
    await load();
  };
  /** In everyday words and UK dates; the stored entry keeps its codes' own words. */
  const describe = (resource: Resource) => withUkDates(section.describe(withFriendlyWords(resource)));
  const change = (resource: Resource) => {
    setEditing(resource.id!);
    setForm(section.toForm(resource));
    document.getElementById(section.fields[0]!.id)?.focus();
  };

  return (
    <>
      <h1>{section.title}</h1>
      <p role="status" aria-live="polite">{status}</p>
      {section.proposals && recordId ? <PlanProposals recordId={recordId} onAnswered={load} /> : null}
      {!showList ? null : !list ? <p>Loading…</p> : list.length === 0 ? <p>{section.empty}</p> : (
        <ul className="nhsuk-list nhsuk-list--border" data-testid="items">
          {list.map((r) => (
            <li key={r.id}>
              {describe(r)}{' '}
              <Button secondary small onClick={() => change(r)} aria-label={`Change ${describe(r)}`}>Change</Button>{' '}
              <Button secondary small onClick={() => void remove(r)} aria-label={`Remove ${describe(r)}`}>Remove</Button>
            </li>
          ))}
        </ul>
      )}
      {showList && easyRead ? <Button onClick={() => setAdding(true)}>➕ Add</Button> : null}
      {showForm ? (
      <>
      <h2>{editing ? 'Change' : 'Add'}</h2>
      <Problems error={error} fieldIds={Object.fromEntries(section.fields.map((f) => [f.id, f.id]))} />
      <form onSubmit={save} noValidate>
        {section.fields.map((field) =>
          field.choices ? (
            <div className={`nhsuk-form-group${fieldProblem(error, field.id) ? ' nhsuk-form-group--error' : ''}`} key={field.id}>
              <label className="nhsuk-label" htmlFor={field.id}>{field.label}</label>
              {field.hint ? <div className="nhsuk-hint" id={`${field.id}-hint`}>{field.hint}</div> : null}
              {fieldProblem(error, field.id) ? <span className="nhsuk-error-message" id={`${field.id}-error`}><span className="nhsuk-u-visually-hidden">Error:</span> {fieldProblem(error, field.id)}</span> : null}
              <select className={`nhsuk-select${fieldProblem(error, field.id) ? ' nhsuk-select--error' : ''}`} id={field.id} value={form[field.id] ?? ''} onChange={(e) => setForm({ ...form, [field.id]: e.target.value })} aria-describedby={[field.hint ? `${field.id}-hint` : '', fieldProblem(error, field.id) ? `${field.id}-error` : ''].filter(Boolean).join(' ') || undefined}>
                <option value="">Choose</option>
                {field.choices.map((c) => <option key={c.code} value={c.code}>{friendly(c)}</option>)}
              </select>
            </div>
          ) : (
            <TextField key={field.id} id={field.id} label={field.label} hint={field.hint} type={field.type} value={form[field.id] ?? ''} onChange={(v) => setForm({ ...form, [field.id]: v })} error={fieldProblem(error, field.id)} />
          ),
        )}
        <Button type="submit">{editing ? 'Save changes' : 'Save'}</Button>{' '}
        {editing || adding ? <Button secondary type="button" onClick={() => { setEditing(''); setAdding(false); clearForm(); }}>Cancel</Button> : null}
      </form>
      </>
      ) : null}
    </>
  );
}
