import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import { api, ApiError } from '../../api/client.ts';
import { Problems, TextField, fieldProblem } from '../../components/Problems.tsx';
import { Link } from '../../components/Link.tsx';
import { navigate, useSession } from '../../session.tsx';
import { loadDetails, nhsNumberSpaced, type Details } from './account-api.ts';

/** The NHS.UK date input: day, month and year in three boxes, sent as YYYY-MM-DD. */
function DateOfBirth({ value, onChange, error }: { value: { day: string; month: string; year: string }; onChange: (v: { day: string; month: string; year: string }) => void; error?: string | undefined }) {
  const part = (key: 'day' | 'month' | 'year', label: string, width: string) => (
    <div className="nhsuk-date-input__item">
      <div className="nhsuk-form-group">
        <label className="nhsuk-label nhsuk-date-input__label" htmlFor={`birthDate-${key}`}>{label}</label>
        <input
          className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${error ? ' nhsuk-input--error' : ''}`}
          id={`birthDate-${key}`}
          inputMode="numeric"
          autoComplete={`bday-${key}`}
          value={value[key]}
          onChange={(e) => onChange({ ...value, [key]: e.target.value })}
        />
      </div>
    </div>
  );
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={`birthDate-hint${error ? ' birthDate-error' : ''}`}>
        <legend className="nhsuk-fieldset__legend nhsuk-label">Date of birth</legend>
        <div className="nhsuk-hint" id="birthDate-hint">For example, 15 3 1984</div>
        {error ? <span className="nhsuk-error-message" id="birthDate-error"><span className="nhsuk-u-visually-hidden">Error:</span> {error}</span> : null}
        <div className="nhsuk-date-input" id="birthDate">
          {part('day', 'Day', '2')}
          {part('month', 'Month', '2')}
          {part('year', 'Year', '4')}
        </div>
      </fieldset>
    </div>
  );
}

const partsOf = (iso: string) => {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
};
const isoOf = (p: { day: string; month: string; year: string }): string =>
  p.day.trim() || p.month.trim() || p.year.trim() ? `${p.year.trim()}-${p.month.trim().padStart(2, '0')}-${p.day.trim().padStart(2, '0')}` : '';

/** Name, date of birth and NHS number: only these change in her record; everything else stays as it was. */
export function DetailsPage() {
  const { refresh } = useSession();
  const [shown, setShown] = useState<Details>();
  const [given, setGiven] = useState('');
  const [family, setFamily] = useState('');
  const [birth, setBirth] = useState({ day: '', month: '', year: '' });
  const [nhsNumber, setNhsNumber] = useState('');
  const [error, setError] = useState<ApiError>();
  const fill = useCallback((d: Details) => {
    setShown(d);
    setGiven(d.given);
    setFamily(d.family);
    setBirth(partsOf(d.birthDate));
    setNhsNumber(nhsNumberSpaced(d.nhsNumber));
  }, []);
  useEffect(() => void loadDetails().then(fill), [fill]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('/auth/details', { method: 'PUT', body: { given, family, birthDate: isoOf(birth), nhsNumber, version: shown?.version } });
      await refresh();
      navigate('/account');
    } catch (err) {
      setError(err as ApiError);
      // Changed elsewhere meanwhile: show what is stored now, and say so (nothing is overwritten).
      if ((err as ApiError).status === 412) void loadDetails().then(fill);
    }
  };
  if (!shown) return <p role="status">Loading…</p>;
  return (
    <>
      <h1>Your name, date of birth and NHS number</h1>
      <Problems error={error} fieldIds={{ given: 'given', family: 'family', birthDate: 'birthDate-day', nhsNumber: 'nhsNumber' }} />
      <form onSubmit={submit} noValidate>
        <TextField id="given" label="First name" autoComplete="given-name" value={given} onChange={setGiven} error={fieldProblem(error, 'given')} />
        <TextField id="family" label="Last name" autoComplete="family-name" value={family} onChange={setFamily} error={fieldProblem(error, 'family')} />
        <DateOfBirth value={birth} onChange={setBirth} error={fieldProblem(error, 'birthDate')} />
        <TextField
          id="nhsNumber"
          label="NHS number (if you know it)"
          hint="10 digits, like 485 777 3456. It is on letters from your GP and in the NHS App. If you change it, it shows as not checked until we check it again."
          width="10"
          value={nhsNumber}
          onChange={setNhsNumber}
          error={fieldProblem(error, 'nhsNumber')}
        />
        <Button type="submit">Save changes</Button>
      </form>
      <p><Link href="/account">Back to your account</Link></p>
    </>
  );
}
