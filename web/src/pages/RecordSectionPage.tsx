import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import type { Resource } from '@medplum/fhirtypes';
import { api, ApiError, entries } from '../api/client.ts';
import { Problems, TextField, fieldProblem } from '../components/Problems.tsx';
import { EntryList, type Row } from '../components/EntryList.tsx';
import { UndoBanner, type Removed } from '../components/UndoBanner.tsx';
import { addEntry, changeEntry, findEntry, removeEntry, restoreEntry, withoutServerMeta, type Form } from '../entry-edit.ts';
import type { Section } from '../record-sections.ts';
import { entryKindOf } from '../section-entries.ts';
import { useSession } from '../session.tsx';
import { useDraft } from '../use-draft.ts';
import { useEasyRead } from '../easy-read.tsx';
import { PlanProposals } from '../components/PlanProposals.tsx';
import { friendly } from '../friendly-words.ts';
import { inFormWords, sectionWords } from '../form-words.ts';

/** The entry being changed: where it was, what it was, and the form as it was before the person typed. */
interface Editing {
  resourceId: string;
  index: number;
  entry: unknown;
  before: Form;
}

const isConflict = (err: unknown): boolean => err instanceof ApiError && err.status === 412;
const undoFor = 15 * 60_000;

/**
 * List, add, change and remove one part of the record. Every entry is its own row; a change sends only that
 * entry's change, made to the version read and guarded by If-Match, so an edit made elsewhere meanwhile is shown
 * to the person instead of being overwritten; a removal asks first and can be undone (issue 14).
 */
export function RecordSectionPage({ section }: { section: Section }) {
  const { recordId } = useSession();
  const patient = `Patient/${recordId}`;
  const kind = useMemo(() => entryKindOf(section, patient), [section, patient]);
  const [list, setList] = useState<Resource[]>();
  const [form, setForm, clearForm] = useDraft<Form>(`section-${section.path}`, {});
  const [editing, setEditing] = useDraft<Editing | null>(`section-${section.path}-entry`, null);
  const [removed, setRemoved] = useDraft<Removed | null>(`section-${section.path}-removed`, null);
  const [confirming, setConfirming] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [conflict, setConflict] = useState<string>();
  const [status, setStatus] = useState<string>();
  const easyRead = useEasyRead();
  const [adding, setAdding] = useState(false);
  const showList = !easyRead || (!adding && !editing);
  const showForm = !easyRead || adding || Boolean(editing);
  const search = section.query?.(patient) ?? `patient=${patient}&_sort=-_lastUpdated`;
  const url = (id?: string) => `/fhir/${section.resourceType}${id ? `/${id}` : ''}`;

  const load = useCallback(async (): Promise<Resource[]> => {
    if (!recordId) return [];
    const found = entries<Resource>(await api(`/fhir/${section.resourceType}?${search}`)).filter((r) => section.keep?.(r) ?? true);
    setList(found);
    return found;
  }, [recordId, section, search]);
  useEffect(() => void load(), [load]);

  const finish = async (message: string) => {
    setError(undefined);
    setConflict(undefined);
    setStatus(message);
    clearForm();
    setEditing(null);
    setAdding(false);
    await load();
  };

  /** Sends one resource back, changed, to the version it was read at. */
  const put = (resource: Resource) => api(url(resource.id), { method: 'PUT', body: resource, fhir: true, ifMatch: resource.meta?.versionId });

  const saveChange = async (edit: Editing) => {
    const resource = list?.find((r) => r.id === edit.resourceId);
    const index = resource ? findEntry(kind, resource, edit.index, edit.entry) : -1;
    if (!resource || index < 0) throw new ApiError(412, 'changed elsewhere', []);
    await put(changeEntry(kind, resource, index, edit.before, form));
  };
  const saveNew = async () => {
    const holder = section.entries ? list?.[0] : undefined;
    if (holder) await put(addEntry(kind, holder, form));
    else await api(url(), { method: 'POST', body: section.entries ? addEntry(kind, section.entries.container(patient), form) : kind.fromForm(form), fhir: true });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    // Emptied first so that a second "Changes saved." is a change of the live region, and is read out again.
    setStatus(undefined);
    try {
      if (editing) await saveChange(editing);
      else await saveNew();
      await finish(editing ? 'Changes saved.' : 'Saved.');
    } catch (err) {
      if (isConflict(err)) await showConflict();
      else setError(inFormWords(err, sectionWords[section.path] ?? {}, section.fields.map((f) => f.id)));
    }
  };

  /** Someone changed this page's resource elsewhere: show it as it is now, keep what was typed, save nothing. */
  const showConflict = async () => {
    const fresh = await load();
    setError(undefined);
    setStatus(undefined);
    if (!editing) {
      setConflict('The list was changed somewhere else while you were typing (on another device, or by someone who helps you). It is shown above as it is now. What you typed has not been saved yet: save it again to add it.');
      return;
    }
    const resource = fresh.find((r) => r.id === editing.resourceId);
    const index = resource ? findEntry(kind, resource, editing.index, editing.entry) : -1;
    const now = resource ? kind.entries(resource)[editing.index] : undefined;
    if (index >= 0) {
      setEditing({ ...editing, index });
      setConflict('Something else on this page was changed somewhere else while you were typing. The list above shows it as it is now. Your change has not been saved yet: check it, then save it again.');
    } else if (resource && now !== undefined) {
      // Her typing is applied to the entry as it is now, field by field: what she did not change stays as changed elsewhere.
      setEditing({ ...editing, entry: now });
      setConflict(`While you were changing this, it was changed somewhere else. It now says: “${kind.describe(now)}”. Your change has not been saved. What you typed is below: save it again to use it, or cancel to keep what it says now.`);
    } else {
      setEditing(null);
      setConflict('While you were changing this, it was removed somewhere else. What you typed is kept below: save it to add it again, or cancel.');
    }
  };

  const remove = async (row: Row) => {
    setConfirming(undefined);
    const text = kind.describe(row.entry);
    try {
      const next = removeEntry(kind, row.resource, row.index);
      if (next) await put(next);
      else await api(url(row.resource.id), { method: 'DELETE', ifMatch: row.resource.meta?.versionId });
      const whole = next === undefined;
      setRemoved({ resourceId: row.resource.id!, index: row.index, entry: whole ? row.resource : row.entry, whole, text, version: row.resource.meta?.versionId ?? '', until: Date.now() + undoFor });
      await finish(`Removed: ${text}.`);
    } catch (err) {
      if (!isConflict(err)) return setError(err as ApiError);
      await load();
      setStatus(undefined);
      setConflict('This was changed somewhere else just before you removed it, so nothing was removed. Check the list as it is now, and remove it again if you still want to.');
    }
  };

  const undo = async (what: Removed) => {
    try {
      if (what.whole) {
        // A deletion is the next version: putting the entry back is made to that version only.
        await api(url(what.resourceId), { method: 'PUT', body: withoutServerMeta(what.entry as Resource), fhir: true, ifMatch: String(Number(what.version) + 1) });
      } else {
        const latest = await api<Resource>(url(what.resourceId));
        await put(restoreEntry(kind, latest, what.index, what.entry));
      }
      setRemoved(null);
      setError(undefined);
      setStatus(`Put back: ${what.text}.`);
      await load();
    } catch (err) {
      setError(isConflict(err) ? new ApiError(412, 'This was changed somewhere else since you removed it, so it was not put back. Add it again if you still need it.', []) : (err as ApiError));
    }
  };

  const change = (row: Row) => {
    const before = kind.toForm(row.entry);
    setEditing({ resourceId: row.resource.id!, index: row.index, entry: row.entry, before });
    setForm(before);
    setConflict(undefined);
    // "Changes saved." was about the last edit, not this one.
    setStatus(undefined);
    document.getElementById(section.fields[0]!.id)?.focus();
  };
  const cancel = () => {
    setEditing(null);
    setAdding(false);
    setConflict(undefined);
    clearForm();
  };
  const hasEntries = (list ?? []).some((r) => kind.entries(r).length > 0 || section.entries?.heading?.(r as never));

  return (
    <>
      <h1>{section.title}</h1>
      <p role="status" aria-live="polite">{status}</p>
      {removed && removed.until > Date.now() ? <UndoBanner removed={removed} onUndo={() => void undo(removed)} /> : null}
      {section.proposals && recordId ? <PlanProposals recordId={recordId} onAnswered={async () => void (await load())} /> : null}
      {!showList ? null : !list ? <p>Loading…</p> : !hasEntries ? <p>{section.empty}</p> : (
        <EntryList kind={kind} resources={list} heading={section.entries?.heading as ((r: Resource) => string | undefined) | undefined} confirming={confirming}
          onChange={change} onRemove={(row) => setConfirming(row.key)} onConfirm={(row) => void remove(row)} onKeep={() => setConfirming(undefined)} />
      )}
      {showList && easyRead ? <Button onClick={() => setAdding(true)}>➕ Add</Button> : null}
      {conflict ? (
        <div className="nhsuk-warning-callout" data-testid="conflict">
          <h2 className="nhsuk-warning-callout__label"><span role="text"><span className="nhsuk-u-visually-hidden">Important: </span>Changed somewhere else</span></h2>
          <p>{conflict}</p>
        </div>
      ) : null}
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
        {editing || adding || conflict ? <Button secondary type="button" onClick={cancel}>Cancel</Button> : null}
      </form>
      </>
      ) : null}
    </>
  );
}
