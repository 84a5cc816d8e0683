import { useState, type FormEvent } from 'react';
import { Button } from 'nhsuk-react-components';
import { navigate, useSession } from '../session.tsx';
import { safeBack } from '../record-choice.ts';


/** One question: whose record does she want to look after now? Kept for her account on this device. */
export function ChooseRecordPage() {
  const { me, caringFor, recordId, chooseRecord } = useSession();
  const own = me?.patient?.replace('Patient/', '');
  const [picked, setPicked] = useState(recordId ?? own ?? '');
  const back = safeBack(new URLSearchParams(location.search).get('back'));
  const options = [
    ...(own ? [{ id: own, label: 'My own record', hint: me?.name ? `${me.name.given} ${me.name.family}` : undefined }] : []),
    ...caringFor.map((c) => ({ id: c.patient.replace('Patient/', ''), label: `${c.name}’s record`, hint: c.rights === 'manage' ? 'You can view and change it' : 'You can view it' })),
  ];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    chooseRecord(picked);
    navigate(back);
  };
  return (
    <form onSubmit={submit} noValidate>
      <div className="nhsuk-form-group">
        <fieldset className="nhsuk-fieldset" aria-describedby="whose-hint">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--l">
            <h1 className="nhsuk-fieldset__heading">Whose record do you want to look after?</h1>
          </legend>
          <div className="nhsuk-hint" id="whose-hint">Everything you add or change goes into this record until you switch again.</div>
          <div className="nhsuk-radios">
            {options.map((o) => (
              <div className="nhsuk-radios__item" key={o.id}>
                <input className="nhsuk-radios__input" id={`whose-${o.id}`} type="radio" name="whose" value={o.id} checked={picked === o.id} onChange={() => setPicked(o.id)} aria-describedby={o.hint ? `whose-${o.id}-hint` : undefined} />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={`whose-${o.id}`}>{o.label}</label>
                {o.hint ? <div className="nhsuk-hint nhsuk-radios__hint" id={`whose-${o.id}-hint`}>{o.hint}</div> : null}
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <Button type="submit">Continue</Button>
    </form>
  );
}
