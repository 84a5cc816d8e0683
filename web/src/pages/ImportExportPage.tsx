import { useState } from 'react';
import type { Bundle } from '@medplum/fhirtypes';
import { api, ApiError } from '../api/client.ts';
import { Problems } from '../components/Problems.tsx';
import { useSession } from '../session.tsx';
import { importWords, inFormWords } from '../form-words.ts';

/** Bring in a summary from another system (an International Patient Summary); take the whole record away. */
export function ImportExportPage() {
  const { recordId } = useSession();
  const [error, setError] = useState<ApiError>();
  const [status, setStatus] = useState<string>();

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setStatus('Reading the file…');
    try {
      const document = JSON.parse(await file.text()) as Bundle;
      const result = await api<{ entry?: unknown[] }>(`/fhir/Patient/${recordId}/$import-summary`, { method: 'POST', body: document, fhir: true });
      setError(undefined);
      setStatus(`Added ${result.entry?.length ?? 0} entries from the summary to your record.`);
    } catch (err) {
      setStatus(undefined);
      setError(err instanceof ApiError ? inFormWords(err, importWords) : new ApiError(400, importWords.otherwise!, []));
    }
  };
  return (
    <>
      <h1>Import and download</h1>
      <p role="status" aria-live="polite">{status}</p>
      <Problems error={error} />
      <h2>Add a summary from another system</h2>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="ips">Choose the summary file (International Patient Summary, .json)</label>
        <input className="nhsuk-file-upload" id="ips" type="file" accept=".json,application/json,application/fhir+json" onChange={(e) => void importFile(e.target.files?.[0])} />
      </div>
      <h2>Take your record with you</h2>
      <ul className="nhsuk-list">
        <li><a href={`/fhir/Patient/${recordId}/$everything`} download="red-bag-record.json">Your whole record (FHIR JSON, for another system)</a></li>
        <li><a href={`/red-bag/${recordId}/print?size=a4&format=pdf`} download="red-bag.pdf">Your Red Bag summary to read or print (PDF)</a></li>
      </ul>
    </>
  );
}
