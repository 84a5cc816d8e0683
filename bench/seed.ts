import type { Resource } from '@medplum/fhirtypes';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { sensitivityOf } from '../src/access/sensitivity.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { canonicalBase } from '../src/profiles/canonical.ts';
import { openPostgresAccountStore } from '../src/store/accounts/postgres.ts';
import { openSqliteAccountStore } from '../src/store/accounts/sqlite.ts';
import { openPostgresStore } from '../src/store/postgres-store.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import type { Store, Write } from '../src/store/store.ts';

/** Person n's ids all share this prefix, so one SQL replace() turns a template's rows into person n's. */
export const personId = (n: number): string => `p${String(n).padStart(7, '0')}`;
/** Records of this many shapes: person n has the shape of template n mod templates. */
export const templates = 100;
/** The person with the large record (30,000 entries): one past the last ordinary person. */
export const largeRecordPerson = (people: number): number => people;
export const largeRecordSize = 30_000;

const givens = ['Ann', 'Aisha', 'Andrew', 'Rina', 'Doris', 'Russell', 'Mike', 'Priya', 'Tom', 'Grace', 'Kofi', 'Mei'];
const allergens: Array<[string, string]> = [['387494007', 'Codeine'], ['764146007', 'Penicillin'], ['91936005', 'Penicillin allergy'], ['300913006', 'Shellfish'], ['91935009', 'Peanuts'], ['294505008', 'Amoxicillin']];
const problems: Array<[string, string]> = [['49436004', 'Atrial fibrillation'], ['44054006', 'Type 2 diabetes'], ['13645005', 'COPD'], ['38341003', 'Hypertension'], ['26929004', 'Alzheimer disease'], ['709044004', 'Chronic kidney disease'], ['195967001', 'Asthma'], ['35489007', 'Depression'], ['396275006', 'Osteoarthritis']];
const medicines: Array<[string, string, string]> = [['109081006', 'Metformin', '500 mg twice a day'], ['372756006', 'Warfarin', 'as the clinic says'], ['386864001', 'Amlodipine', '5 mg daily'], ['387517004', 'Paracetamol', '1 g up to four times a day'], ['108600003', 'Atorvastatin', '20 mg at night'], ['96034006', 'Omeprazole', '20 mg mornings'], ['372897005', 'Salbutamol', 'two puffs when breathless'], ['698090000', 'Apixaban', '5 mg twice a day'], ['387458008', 'Aspirin', '75 mg daily']];
const clinical = (system: string, code = 'active') => ({ coding: [{ system: `http://terminology.hl7.org/CodeSystem/${system}`, code }] });
const snomed = (code: string, display: string) => ({ coding: [{ system: 'http://snomed.info/sct', code, display }] });

/**
 * The Condition a professional reads through a share (the share leaves out sensitive items, so a
 * Condition about depression answers 404 to her, as it should): the first of n's Conditions the
 * service does not class as sensitive, or undefined when every one is.
 */
export function sharedConditionId(n: number): string | undefined {
  return personRecord(n).find((r) => r.resourceType === 'Condition' && sensitivityOf(r).length === 0)?.id;
}

/**
 * Template t's record: shapes that differ person to person as real records do (none to three
 * allergies, one to nine problems of which some resolved, none to eight medicines, one to three
 * contacts, goals, appointments, observations, an emergency plan for a third of them): 10 to 60
 * entries, 30 on average. Condition `-c0` always exists (the read target).
 */
export function personRecord(n: number): Array<Resource & { id: string }> {
  const t = n % templates;
  const p = personId(n);
  const me = { reference: `Patient/${p}` };
  const out: Array<Resource & { id: string }> = [
    { resourceType: 'Patient', id: p, name: [{ family: `Family${p}`, given: [givens[t % givens.length]!] }], birthDate: `19${30 + (t % 60)}-0${1 + (t % 9)}-1${t % 10}`, gender: t % 2 ? 'female' : 'male' },
  ];
  const count = (spread: number, offset = 0) => (t * 7 + offset) % spread;
  for (let i = 0; i < count(4); i++) {
    const [code, display] = allergens[(t + i) % allergens.length]!;
    out.push({ resourceType: 'AllergyIntolerance', id: `${p}-a${i}`, patient: me, criticality: i === 0 ? 'high' : 'low', code: snomed(code, display), clinicalStatus: clinical('allergyintolerance-clinical') });
  }
  for (let i = 0; i < 1 + count(9, 3); i++) {
    const [code, display] = problems[(t + i) % problems.length]!;
    out.push({ resourceType: 'Condition', id: `${p}-c${i}`, clinicalStatus: clinical('condition-clinical', i % 4 === 3 ? 'resolved' : 'active'), code: snomed(code, display), subject: me, onsetDateTime: `20${10 + ((t + i) % 15)}-03-0${1 + (i % 9)}` });
  }
  for (let i = 0; i < count(9, 5); i++) {
    const [code, display, dose] = medicines[(t + i) % medicines.length]!;
    out.push({ resourceType: 'MedicationStatement', id: `${p}-m${i}`, status: i % 5 === 4 ? 'stopped' : 'active', subject: me, medicationCodeableConcept: snomed(code, display), dosage: [{ text: dose }] });
  }
  for (let i = 0; i < 1 + count(3, 1); i++) out.push({ resourceType: 'RelatedPerson', id: `${p}-r${i}`, patient: me, name: [{ family: `Friend${i}`, given: [givens[(t + i + 3) % givens.length]!] }], telecom: [{ system: 'phone', value: `07700 9${String(t).padStart(3, '0')}${i}0` }] });
  for (let i = 0; i < count(6, 2); i++) out.push({ resourceType: 'Goal', id: `${p}-g${i}`, lifecycleStatus: 'active', description: { text: `goal ${i} of template ${t}` }, subject: me });
  for (let i = 0; i < count(8, 4); i++) out.push({ resourceType: 'Appointment', id: `${p}-t${i}`, status: 'booked', start: `2026-12-0${1 + (i % 9)}T10:00:00Z`, end: `2026-12-0${1 + (i % 9)}T10:30:00Z`, participant: [{ actor: me, status: 'accepted' }] });
  for (let i = 0; i < count(16, 6); i++) out.push({ resourceType: 'Observation', id: `${p}-o${i}`, status: 'final', code: { text: 'Pulse' }, subject: me, valueString: `${60 + ((t + i) % 40)} a minute`, effectiveDateTime: `2026-0${1 + (i % 9)}-15` });
  if (t % 3 === 0) {
    out.push({
      resourceType: 'CarePlan', id: `${p}-e`, status: 'active', intent: 'plan', subject: me,
      meta: { profile: [`${canonicalBase}/StructureDefinition/redbag-emergency-care-plan`] },
      activity: [{ detail: { status: 'in-progress', code: snomed(t % 2 ? '304253006' : '304252001', t % 2 ? 'Not for cardiopulmonary resuscitation' : 'For cardiopulmonary resuscitation') } }],
    } as Resource & { id: string });
  }
  return out;
}

// resource_locations too: reads and writes find a resource's record through it (migration 0006).
const tables = ['resources', 'resource_history', 'resource_locations', 'index_token', 'index_string', 'index_date', 'index_reference'];
const rewritten = ['compartment', 'id', 'content', 'target_id'];

/**
 * Seeds `people` people: the first `templates` through the store like any write (so their index
 * rows are the real ones), then every other person n as a copy of template n mod `templates` with
 * its ids, names and phone numbers rewritten, in bulk SQL (minutes instead of hours at 100,000).
 * Then one more person whose record holds 30,000 entries: template 0's plus years of observations,
 * appointments and goals, written in SQL to the resources, history and locations tables (not indexed: no
 * measured route searches them). Accounts for `accountsFor` and the large record.
 */
export async function seed(kind: 'sqlite' | 'postgres', target: { file?: string; url?: string }, people: number, accountsFor: number[]): Promise<{ password: string }> {
  const password = 'benchmark pass phrase';
  const writes = (n: number): Write[] => personRecord(n).map((resource) => ({ kind: 'create', resource, compartment: personId(n) }));
  const now = new Date('2026-11-01T00:00:00Z');
  let store: Store;
  let pool: pg.Pool | undefined;
  if (kind === 'sqlite') store = await openSqliteStore({ file: target.file! });
  else {
    pool = new pg.Pool({ connectionString: target.url });
    store = await openPostgresStore({ pool });
  }
  const large = largeRecordPerson(people);
  for (let t = 0; t < Math.min(templates, people); t++) await store.commit(writes(t), now);
  await store.commit(writes(0).map((w) => ({ ...w, resource: JSON.parse(JSON.stringify((w as { resource: Resource }).resource).replaceAll(personId(0), personId(large))), compartment: personId(large) }) as Write), now);
  await store.close();

  if (kind === 'sqlite') {
    const db = new DatabaseSync(target.file!);
    db.exec('PRAGMA journal_mode = WAL');
    // Copying 100,000 people is one transaction of millions of index entries: with SQLite's default 2 MiB of
    // page cache every insert re-reads the B-trees from disk. A seed need not survive a power cut.
    db.exec('PRAGMA cache_size = -2097152');
    db.exec('PRAGMA synchronous = OFF');
    db.exec('BEGIN');
    for (let t = 0; t < Math.min(templates, people); t++) {
      const template = personId(t);
      for (const table of tables) {
        const columns = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{ name: string }>).map((c) => c.name);
        const select = columns.map((c) => (rewritten.includes(c) ? `replace(t.${c}, '${template}', printf('p%07d', n.k))` : `t.${c}`)).join(', ');
        db.exec(`WITH RECURSIVE n(k) AS (SELECT ${t + templates} UNION ALL SELECT k + ${templates} FROM n WHERE k + ${templates} < ${people})
                 INSERT INTO ${table} (${columns.join(', ')}) SELECT ${select} FROM ${table} t, n WHERE t.compartment = '${template}' AND ${t + templates} < ${people}`);
      }
    }
    for (const table of ['resources', 'resource_history', 'resource_locations']) db.exec(largeRecordSql('sqlite', table, personId(large), now.toISOString()));
    db.exec('COMMIT');
    db.exec('ANALYZE');
    db.close();
  } else {
    const client = await pool!.connect();
    for (let t = 0; t < Math.min(templates, people); t++) {
      const template = personId(t);
      for (const table of tables) {
        const { rows } = await client.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema() ORDER BY ordinal_position`, [table]);
        const columns = rows.map((r: { column_name: string }) => r.column_name);
        const select = columns.map((c) => (rewritten.includes(c) ? `replace(t.${c}, '${template}', 'p' || lpad(n.k::text, 7, '0'))` : `t.${c}`)).join(', ');
        await client.query(`INSERT INTO ${table} (${columns.join(', ')}) SELECT ${select} FROM ${table} t, generate_series(${t + templates}, ${people - 1}, ${templates}) AS n(k) WHERE t.compartment = '${template}'`);
      }
    }
    for (const table of ['resources', 'resource_history', 'resource_locations']) await client.query(largeRecordSql('postgres', table, personId(large), now.toISOString()));
    await client.query('ANALYZE');
    client.release();
  }

  const accounts = kind === 'sqlite' ? await openSqliteAccountStore({ file: target.file! }) : await openPostgresAccountStore({ pool: pool! });
  const passwordHash = await hashPassword(password);
  for (const n of [...accountsFor, large]) await accounts.createAccount({ email: `person${n}@bench.example`, passwordHash, patientId: personId(n) });
  await accounts.close();
  await pool?.end();
  return { password };
}

/** The entries that make the large record 30,000: observations, appointments and goals, none on a card. */
function largeRecordSql(dialect: 'sqlite' | 'postgres', table: string, p: string, at: string): string {
  const extra = largeRecordSize - personRecord(0).length;
  const obj = dialect === 'sqlite' ? 'json_object' : 'jsonb_build_object';
  const arr = dialect === 'sqlite' ? 'json_array' : 'jsonb_build_array';
  const cast = dialect === 'sqlite' ? '' : '::text';
  const meta = `'meta', ${obj}('versionId', '1', 'lastUpdated', '${at}')`;
  const id = `'${p}-x' || k`;
  const content = `CASE k % 3
    WHEN 0 THEN (${obj}('resourceType', 'Observation', 'id', ${id}, 'status', 'final', 'code', ${obj}('text', 'Pulse'), 'subject', ${obj}('reference', 'Patient/${p}'), 'valueString', (60 + k % 40) || ' a minute', ${meta}))${cast}
    WHEN 1 THEN (${obj}('resourceType', 'Appointment', 'id', ${id}, 'status', 'fulfilled', 'participant', ${arr}(${obj}('actor', ${obj}('reference', 'Patient/${p}'), 'status', 'accepted')), ${meta}))${cast}
    ELSE (${obj}('resourceType', 'Goal', 'id', ${id}, 'lifecycleStatus', 'completed', 'description', ${obj}('text', 'Goal ' || k), 'subject', ${obj}('reference', 'Patient/${p}'), ${meta}))${cast} END`;
  const type = `CASE k % 3 WHEN 0 THEN 'Observation' WHEN 1 THEN 'Appointment' ELSE 'Goal' END`;
  const series = dialect === 'sqlite' ? `(WITH RECURSIVE s(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM s WHERE k < ${extra - 1}) SELECT k FROM s) AS n` : `generate_series(0, ${extra - 1}) AS n(k)`;
  if (table === 'resource_locations') return `INSERT INTO resource_locations (resource_type, id, compartment) SELECT ${type}, ${id}, '${p}' FROM ${series}`;
  return `INSERT INTO ${table} (compartment, resource_type, id, version_id, last_updated, deleted, content) SELECT '${p}', ${type}, ${id}, 1, '${at}', 0, ${content} FROM ${series}`;
}
