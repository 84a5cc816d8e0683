import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import type { AllergyIntolerance } from '@medplum/fhirtypes';
import allergens from '../../../fhir-profiles/ValueSet-redbag-allergens.json';
import { api, ApiError, entries } from '../api/client.ts';
import { Problems, TextField, fieldProblem } from '../components/Problems.tsx';
import { describeAllergy, isNoKnownAllergyStatement } from '../../../src/summary/describe.ts';
import { useSession } from '../session.tsx';
import { friendly, withFriendlyWords } from '../friendly-words.ts';
import { allergyWords, inFormWords } from '../form-words.ts';
import { useDraft } from '../use-draft.ts';

const choices = allergens.compose.include.flatMap((inc) => (inc.concept ?? []).map((c) => ({ system: inc.system, code: c.code, display: c.display })));
const clinical = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code }] });
const confirmed = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] };

/** No answer is chosen for her: a form that pre-selects "Dangerous" invents a risk (issue 12). */
const seriousness: Array<[AllergyIntolerance['criticality'], string]> = [
  ['high', 'Dangerous: it could be life-threatening'],
  ['low', 'Not dangerous: uncomfortable'],
  ['unable-to-assess', 'Not sure'],
];

/** The server names the field; on this form the person is told what to do about it (form-words.ts). */
const fieldWords = Object.fromEntries(Object.values(allergyWords.elements ?? {}).map((w) => [w.field, w.text]));

/**
 * Allergies: the first thing a crew reads. Pick from the list or type the name; say what happens and
 * how serious it is. "No known allergies" is a statement of its own, made on purpose, and only
 * while no allergy is recorded (the server refuses both at once).
 */
export function AllergiesPage() {
  const { recordId } = useSession();
  const [list, setList] = useState<AllergyIntolerance[]>();
  const [pick, setPick, clearPick] = useDraft('allergy-pick', '');
  const [other, setOther, clearOther] = useDraft('allergy-other', '');
  const [reaction, setReaction, clearReaction] = useDraft('allergy-reaction', '');
  const [severe, setSevere, clearSevere] = useDraft('allergy-seriousness', '');
  const [editing, setEditing, clearEditing] = useDraft('allergy-editing', '');
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState<string>();

  const load = useCallback(async () => {
    if (recordId) setList(entries(await api(`/fhir/AllergyIntolerance?patient=Patient/${recordId}&_sort=-_lastUpdated`)));
  }, [recordId]);
  useEffect(() => void load(), [load]);

  const noneKnown = list?.find(isNoKnownAllergyStatement);
  const allergies = list?.filter((a) => !isNoKnownAllergyStatement(a)) ?? [];
  const clearForm = () => { clearPick(); clearOther(); clearReaction(); clearSevere(); clearEditing(); };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = choices.find((c) => c.code === pick);
    const current = list?.find((a) => a.id === editing);
    // Checked here first so that every missing answer is listed at once.
    const missing = [
      ...(chosen || other ? [] : [{ field: 'code', text: fieldWords.code! }]),
      ...(severe ? [] : [{ field: 'criticality', text: fieldWords.criticality! }]),
    ];
    if (missing.length) return setError(new ApiError(422, missing[0]!.text, missing));
    const allergy: AllergyIntolerance = {
      ...(current ? { id: current.id } : {}),
      resourceType: 'AllergyIntolerance',
      patient: { reference: `Patient/${recordId}` },
      clinicalStatus: clinical('active'),
      verificationStatus: confirmed,
      code: chosen ? { coding: [chosen] } : { text: other },
      criticality: severe as AllergyIntolerance['criticality'],
      ...(reaction ? { reaction: [{ manifestation: [{ text: reaction }] }] } : {}),
    };
    try {
      if (current) await api(`/fhir/AllergyIntolerance/${current.id}`, { method: 'PUT', body: allergy, fhir: true });
      else await api('/fhir/AllergyIntolerance', { method: 'POST', body: allergy, fhir: true });
      setError(undefined);
      setSaved(`Saved: ${chosen ? friendly(chosen) : other}.`);
      clearForm();
      await load();
    } catch (err) {
      setError(inFormWords(err, allergyWords));
    }
  };

  /** Her explicit statement: SNOMED CT 716186003, with no seriousness and no reaction. */
  const sayNoneKnown = async () => {
    const statement: AllergyIntolerance = {
      resourceType: 'AllergyIntolerance',
      patient: { reference: `Patient/${recordId}` },
      clinicalStatus: clinical('active'),
      verificationStatus: confirmed,
      code: { coding: [{ system: 'http://snomed.info/sct', code: '716186003', display: 'No known allergy' }] },
    };
    try {
      await api('/fhir/AllergyIntolerance', { method: 'POST', body: statement, fhir: true });
      setError(undefined);
      setSaved('Saved: no known allergies.');
      await load();
    } catch (err) {
      setError(inFormWords(err, allergyWords));
    }
  };

  const change = (a: AllergyIntolerance) => {
    setEditing(a.id!);
    const coded = a.code?.coding?.find((c) => choices.some((x) => x.code === c.code));
    setPick(coded?.code ?? '');
    setOther(coded ? '' : (a.code?.text ?? a.code?.coding?.[0]?.display ?? ''));
    setReaction(a.reaction?.[0]?.manifestation?.map((m) => m.text ?? m.coding?.[0]?.display).filter(Boolean).join(', ') ?? '');
    setSevere(a.criticality ?? '');
    document.getElementById('pick')?.focus();
  };

  const remove = async (a: AllergyIntolerance) => {
    await api(`/fhir/AllergyIntolerance/${a.id}`, { method: 'DELETE' });
    setSaved('Removed.');
    await load();
  };

  return (
    <>
      <h1>Allergies</h1>
      <p role="status" aria-live="polite">{saved}</p>
      {!list ? <p>Loading…</p> : noneKnown ? (
        <div className="nhsuk-inset-text" data-testid="no-known-allergies">
          <p><strong>You have said: no known allergies.</strong></p>
          <p>To record an allergy, take this statement back first.</p>
          <Button secondary small onClick={() => void remove(noneKnown)}>Take back “no known allergies”</Button>
        </div>
      ) : allergies.length === 0 ? (
        <>
          <p>No allergies recorded yet. A crew reads this as “not asked”, not as “none”.</p>
          <p>If you have no allergies that you know of, say so:</p>
          <Button secondary onClick={() => void sayNoneKnown()}>I have no known allergies</Button>
        </>
      ) : (
        <ul className="nhsuk-list nhsuk-list--border">
          {allergies.map((a) => (
            <li key={a.id}>
              <strong>{describeAllergy(withFriendlyWords(a))}</strong>{' '}
              <Button secondary small onClick={() => change(a)} aria-label={`Change ${describeAllergy(withFriendlyWords(a))}`}>Change</Button>{' '}
              <Button secondary small onClick={() => void remove(a)} aria-label={`Remove ${describeAllergy(withFriendlyWords(a))}`}>Remove</Button>
            </li>
          ))}
        </ul>
      )}
      {noneKnown ? null : (
        <>
          <h2>{editing ? 'Change the allergy' : 'Add an allergy'}</h2>
          <Problems error={error} fieldIds={{ code: 'pick', reaction: 'reaction', criticality: 'severe-high' }} />
          <form onSubmit={add} noValidate>
            <div className={`nhsuk-form-group${fieldProblem(error, 'code') ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label" htmlFor="pick">What is the allergy to?</label>
              {fieldProblem(error, 'code') ? <span className="nhsuk-error-message">{fieldProblem(error, 'code')}</span> : null}
              <select className="nhsuk-select" id="pick" value={pick} onChange={(e) => setPick(e.target.value)}>
                <option value="">Choose from the list, or type it below</option>
                {choices.map((c) => <option key={c.code} value={c.code}>{friendly(c)}</option>)}
              </select>
            </div>
            <TextField id="other" label="Not in the list? Type its name" value={other} onChange={setOther} />
            <TextField id="reaction" label="What happens?" hint="For example: rash, swelling, could not breathe" value={reaction} onChange={setReaction} error={fieldProblem(error, 'reaction')} />
            <div className={`nhsuk-form-group${fieldProblem(error, 'criticality') ? ' nhsuk-form-group--error' : ''}`}>
              <fieldset className="nhsuk-fieldset">
                <legend className="nhsuk-fieldset__legend">How serious is it?</legend>
                {fieldProblem(error, 'criticality') ? <span className="nhsuk-error-message">{fieldProblem(error, 'criticality')}</span> : null}
                <div className="nhsuk-radios">
                  {seriousness.map(([value, label]) => (
                    <div className="nhsuk-radios__item" key={value}>
                      <input className="nhsuk-radios__input" id={`severe-${value}`} type="radio" name="severe" value={value} checked={severe === value} onChange={() => setSevere(value!)} />
                      <label className="nhsuk-label nhsuk-radios__label" htmlFor={`severe-${value}`}>{label}</label>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
            <Button type="submit">Save allergy</Button>{' '}
            {editing ? <Button secondary type="button" onClick={clearForm}>Cancel</Button> : null}
          </form>
        </>
      )}
    </>
  );
}
