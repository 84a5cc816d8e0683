import type { HumanName, Patient } from '@medplum/fhirtypes';
import { nhsIdentifier, nhsNumberSystem } from '../access/identity.ts';
import { FhirError } from '../fhir/errors.ts';
import type { Logger } from '../log.ts';
import type { HealthRecord } from '../record/record.ts';
import type { AccountStore } from '../store/port.ts';
import type { Details } from './account-input.ts';
import { fieldError } from './field-error.ts';
import type { SignedIn } from './sessions.ts';

/**
 * Her Patient with only what the form is about changed: the first name's given and family parts,
 * the date of birth, the NHS number. Everything else (other names, prefixes, addresses, contacts,
 * other identifiers, extensions) is kept as it was. Pure.
 */
export function withDetails(patient: Patient, details: Pick<Details, 'given' | 'family' | 'birthDate' | 'nhsNumber'>): Patient {
  const [first, ...otherNames] = patient.name ?? [];
  const givenRest = first?.given?.slice(1) ?? [];
  const name: HumanName = { ...(first ?? {}), given: [details.given, ...givenRest], family: details.family };
  delete name.text; // a stale text would say the old name
  const others = (patient.identifier ?? []).filter((i) => i.system !== nhsNumberSystem);
  const current = nhsIdentifier(patient);
  const nhs = details.nhsNumber === '' ? [] : [current?.value === details.nhsNumber ? current : { system: nhsNumberSystem, value: details.nhsNumber }];
  const identifier = [...others, ...nhs];
  const { identifier: _old, ...rest } = patient;
  return { ...rest, name: [name, ...otherNames], birthDate: details.birthDate, ...(identifier.length > 0 ? { identifier } : {}) };
}

/**
 * "Your details": her name, date of birth and NHS number, written to her Patient through the
 * record (its access rules, validation, audit and identity rules apply: one record per NHS number,
 * and the verification status is the service's, see access/identity.ts), with If-Match so an edit
 * made elsewhere meanwhile is not overwritten. Her account's name follows.
 */
export function createYourDetails(deps: { record: HealthRecord; accounts: AccountStore; logger: Logger }) {
  const { record, accounts } = deps;
  const own = (signedIn: SignedIn): { actor: Extract<SignedIn['actor'], { kind: 'person' }>; patientId: string } => {
    if (signedIn.actor.kind !== 'person') throw new FhirError('forbidden', 'Only people with their own record have these details here.');
    return { actor: signedIn.actor, patientId: signedIn.actor.patientId };
  };
  return {
    async read(signedIn: SignedIn) {
      const { actor, patientId } = own(signedIn);
      const stored = await record.read(actor, 'Patient', patientId);
      const patient = stored.resource as Patient;
      const name = patient.name?.[0];
      return {
        given: name?.given?.[0] ?? '',
        family: name?.family ?? '',
        birthDate: patient.birthDate ?? '',
        nhsNumber: nhsIdentifier(patient)?.value ?? '',
        version: stored.versionId,
      };
    },

    async change(signedIn: SignedIn, details: Details): Promise<void> {
      const { actor, patientId } = own(signedIn);
      const stored = await record.read(actor, 'Patient', patientId);
      if (details.version !== undefined && details.version !== stored.versionId) {
        throw new FhirError('precondition-failed', 'Your details were changed somewhere else while you had this page open. Check them below and make your change again.');
      }
      const updated = withDetails(stored.resource as Patient, details);
      try {
        await record.update(actor, 'Patient', patientId, updated, stored.versionId);
      } catch (err) {
        if (err instanceof FhirError && err.code === 'conflict') {
          throw fieldError('conflict', 'nhsNumber', 'This NHS number is already in another Red Bag record. Check the number; if it is yours, contact us and we will sort it out.');
        }
        throw err;
      }
      await accounts.updateName(actor.accountId, { given: details.given, family: details.family });
      deps.logger.info({ accountId: actor.accountId }, 'details changed');
    },
  };
}
