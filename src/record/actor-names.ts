import type { Organization, Patient, Practitioner } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import type { AuditFacts } from '../audit/build-audit-event.ts';
import { nameText } from '../fhir/human-name.ts';
import type { Write } from '../store/store.ts';
import type { RecordDeps } from './deps.ts';

type Names = Pick<AuditFacts, 'who' | 'onBehalfOf'>;

/** How long a name copied into audit events is reused before it is read again. */
const keptForMs = 60_000;
const maxKept = 10_000;

/**
 * The names audit events copy, kept a minute per actor: a professional's reads are each logged, and
 * each one read her Practitioner and Organization again (two to four more queries a read). A change
 * to a Patient, Practitioner or Organization through this instance clears them at once; one made
 * through another instance shows in this one's events within the minute. The reference beside the
 * name is always exact.
 */
export class ActorNames {
  private readonly kept = new Map<string, { names: Names; until: number }>();

  async of(key: string, now: number, read: () => Promise<Names>): Promise<Names> {
    const found = this.kept.get(key);
    if (found && found.until > now) return found.names;
    const names = await read();
    if (this.kept.size >= maxKept) this.kept.clear();
    this.kept.set(key, { names, until: now + keptForMs });
    return names;
  }

  clear(): void {
    this.kept.clear();
  }
}

export function changesAName(write: Write): boolean {
  const type = write.kind === 'delete' ? write.resourceType : write.resource.resourceType;
  return type === 'Patient' || type === 'Practitioner' || type === 'Organization';
}

/** Who, in words that still read right if the account is later removed: names are copied into the event. */
export async function nameOf(deps: RecordDeps, actor: Actor): Promise<Names> {
  const key = keyOf(actor);
  if (!deps.actorNames || key === undefined) return readNames(deps, actor);
  return deps.actorNames.of(key, deps.clock().getTime(), () => readNames(deps, actor));
}

function keyOf(actor: Actor): string | undefined {
  switch (actor.kind) {
    case 'person':
      return `person/${actor.patientId}`;
    case 'professional':
      return `professional/${actor.practitionerRoleId}/${actor.practitionerId}/${actor.organizationId}`;
    case 'client':
      return `client/${actor.organizationId}`;
    default:
      return undefined; // nothing read: fixed words
  }
}

async function readNames(deps: RecordDeps, actor: Actor): Promise<Names> {
  switch (actor.kind) {
    case 'person': {
      const patient = await readLive<Patient>(deps, 'Patient', actor.patientId);
      return { who: { reference: `Patient/${actor.patientId}`, display: nameText(patient?.name) ?? 'the person' } };
    }
    case 'professional': {
      const [practitioner, organization] = await Promise.all([
        readLive<Practitioner>(deps, 'Practitioner', actor.practitionerId),
        readLive<Organization>(deps, 'Organization', actor.organizationId),
      ]);
      return {
        who: { reference: `PractitionerRole/${actor.practitionerRoleId}`, display: nameText(practitioner?.name) ?? 'a professional' },
        onBehalfOf: { reference: `Organization/${actor.organizationId}`, display: organization?.name ?? 'an organisation' },
      };
    }
    case 'client': {
      const organization = await readLive<Organization>(deps, 'Organization', actor.organizationId);
      return {
        who: { display: `${organization?.name ?? 'a hospital'} computer system` },
        onBehalfOf: { reference: `Organization/${actor.organizationId}`, display: organization?.name ?? 'an organisation' },
      };
    }
    case 'system':
      return { who: { display: 'Red Bag' } }; // the purpose is in outcomeDesc
    case 'link':
      return { who: { display: 'someone with a link you made' } };
    case 'admin':
      return { who: { display: 'a Red Bag administrator' } };
    case 'anonymous':
      return { who: { display: 'someone not signed in' } };
  }
}

async function readLive<T>(deps: RecordDeps, resourceType: string, id: string): Promise<T | undefined> {
  const version = await deps.store.read(resourceType, id);
  return version && !version.deleted ? (version.resource as T) : undefined;
}
