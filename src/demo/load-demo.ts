import type { Bundle, Patient } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import { systemActor } from '../access/system-actor.ts';
import type { Logger } from '../log.ts';
import type { HealthRecord } from '../record/record.ts';
import type { AccountStore } from '../store/port.ts';
import { hashPassword } from '../auth/passwords.ts';
import { demoPeople, type DemoPerson } from './people.ts';
import { demoProfessionals, loadDemoProfessionals } from './demo-professionals.ts';

export interface DemoDeps {
  record: HealthRecord;
  accounts: AccountStore;
  clock: () => Date;
  logger: Logger;
  /** Where the sign-in details are printed (stdout), kept out of the structured log on purpose. */
  print?: (text: string) => void;
  /** This instance, for the lease that lets one instance at a time load (several may start together). */
  instanceId?: string;
}

const loadLeaseMs = 5 * 60_000;

/**
 * Several instances starting together on one empty database would each find it empty and each
 * load the demo: the first to take the lease loads, the others wait for it, then find people there.
 */
async function holdingDemoLease<T>(deps: DemoDeps, work: () => Promise<T>): Promise<T> {
  const holder = deps.instanceId ?? 'this instance';
  const giveUpAt = Date.now() + loadLeaseMs;
  for (;;) {
    const now = deps.clock();
    if (await deps.accounts.takeLease('demo-load', holder, now.toISOString(), new Date(now.getTime() + loadLeaseMs).toISOString())) break;
    if (Date.now() > giveUpAt) throw new Error('another instance has been loading the demo data for five minutes');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    return await work();
  } finally {
    await deps.accounts.releaseLease('demo-load', holder, deps.clock().toISOString());
  }
}

/**
 * Loads the people from the product's stories into an EMPTY store only, each through the record
 * like any sign-up: her Patient, her account, then her record as one transaction Bundle. Prints
 * their sign-in details at every start in demo mode, as long as their accounts are there.
 */
export async function loadDemoData(deps: DemoDeps): Promise<void> {
  const present = await holdingDemoLease(deps, () => loadIntoEmptyStore(deps));
  if (present.length === 0) return;
  printSignIns(deps, present);
}

async function loadIntoEmptyStore(deps: DemoDeps): Promise<DemoPerson[]> {
  const service = systemActor('demo data');
  const people = demoPeople(deps.clock());
  const existing = await deps.record.search(service, 'Patient', { _summary: 'count' });
  let present: DemoPerson[];
  if (existing.total > 0) {
    deps.logger.info('the store already holds people: demo data not loaded');
    // Still show the demo sign-ins that are there, so a restart does not lose them.
    present = [];
    for (const person of people) if (await deps.accounts.findAccountByEmail(person.email)) present.push(person);
  } else {
    for (const person of people) await loadPerson(deps, service, person);
    await loadDemoProfessionals(deps);
    present = people;
  }
  return present;
}

function printSignIns(deps: DemoDeps, present: readonly DemoPerson[]): void {
  const print = deps.print ?? ((text: string) => process.stdout.write(text));
  print(
    [
      '',
      'DEMO MODE: published passwords. Demo people (start with DEMO_DATA=off to leave them out):',
      ...present.map((p) => `  ${`${p.name.given} ${p.name.family}`.padEnd(16)} ${p.email.padEnd(24)} password: ${p.password}`),
      '',
      'Demo professionals (Andrew shares his support plan and contacts with Northgate):',
      ...demoProfessionals.map((p) => `  ${`${p.name.given} ${p.name.family}`.padEnd(16)} ${p.email.padEnd(26)} password: ${p.password}  (${p.role}, ${p.org})`),
      '',
    ].join('\n') + '\n',
  );
}

async function loadPerson(deps: DemoDeps, service: Actor, person: DemoPerson): Promise<void> {
  const patient: Patient = {
    resourceType: 'Patient',
    name: [{ given: [person.name.given], family: person.name.family }],
    birthDate: person.birthDate,
    telecom: [{ system: 'email', value: person.email }],
    ...person.patientExtras,
  };
  const passwordHash = await hashPassword(person.password);
  // Her Patient, her account and her record together: a demo start that fails half way leaves no half-made person.
  await deps.accounts.transaction(async (tx) => {
    const created = await deps.record.create(service, patient);
    if (created.outcome !== 'created') throw new Error('demo Patient was not created');
    const patientId = created.stored.resource.id;
    const account = await tx.accounts.createAccount({ email: person.email, passwordHash, patientId, name: person.name });
    const actor: Actor = { kind: 'person', accountId: account.id, patientId };
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: person.resources.map(({ fullUrl, resource }) => ({
        fullUrl,
        resource: JSON.parse(JSON.stringify(resource).replaceAll('Patient/{{patient}}', `Patient/${patientId}`)),
        request: { method: 'POST', url: resource.resourceType },
      })),
    };
    // As the person herself, so the demo record passes the same rules as anything she adds.
    await deps.record.transaction(actor, bundle);
  });
}
