import type { Organization, Patient, Practitioner, PractitionerRole, RelatedPerson } from '@medplum/fhirtypes';
import { systemActor } from '../access/system-actor.ts';
import { nameText } from '../fhir/human-name.ts';
import type { HealthRecord } from '../record/record.ts';

const lookup = systemActor('name someone in a notice');

/** "Northgate Hospital discharge team", "Sam Patel (Northgate Hospital discharge team)", "Clare Jones": whoever a reference points at, in words. */
export async function nameOfReference(record: HealthRecord, reference: string): Promise<string> {
  const [type, id] = reference.split('/');
  if (!type || !id) return 'someone';
  const resource = await read(record, type, id);
  switch (type) {
    case 'Organization':
      return (resource as Organization | undefined)?.name ?? 'an organisation';
    case 'PractitionerRole': {
      const role = resource as PractitionerRole | undefined;
      const [practitioner, organisation] = await Promise.all([
        role?.practitioner?.reference ? nameOfReference(record, role.practitioner.reference) : undefined,
        role?.organization?.reference ? nameOfReference(record, role.organization.reference) : undefined,
      ]);
      return practitioner && organisation ? `${practitioner} (${organisation})` : (practitioner ?? organisation ?? 'a professional');
    }
    case 'Practitioner':
    case 'RelatedPerson':
    case 'Patient':
      return nameText((resource as Practitioner | RelatedPerson | Patient | undefined)?.name) ?? 'someone';
    default:
      return 'someone';
  }
}

async function read(record: HealthRecord, type: string, id: string): Promise<unknown> {
  try {
    return (await record.read(lookup, type, id)).resource;
  } catch {
    return undefined; // removed since: the notice still goes, with a general word
  }
}
