import type { Resource } from '@medplum/fhirtypes';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { hashPassword } from '../src/auth/passwords.ts';
import { openPostgresAccountStore } from '../src/store/accounts/postgres.ts';
import { openSqliteAccountStore } from '../src/store/accounts/sqlite.ts';
import { openPostgresStore } from '../src/store/postgres-store.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import type { Store, Write } from '../src/store/store.ts';

/** Person n's ids all share this prefix, so one SQL replace() turns person 0's rows into person n's. */
export const personId = (n: number): string => `p${String(n).padStart(7, '0')}`;
export const resourcesPerPerson = 30;

/** 30 resources: the Patient and 29 entries of a typical record. */
export function personRecord(n: number): Array<Resource & { id: string }> {
  const p = personId(n);
  const me = { reference: `Patient/${p}` };
  const snomed = (code: string) => ({ coding: [{ system: 'http://snomed.info/sct', code }] });
  const out: Array<Resource & { id: string }> = [{ resourceType: 'Patient', id: p, name: [{ family: `Family${p}`, given: ['Ann'] }], birthDate: '1950-05-17', gender: 'female' }];
  for (let i = 0; i < 6; i++) out.push({ resourceType: 'Condition', id: `${p}-c${i}`, clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] }, code: snomed(String(44054006 + i)), subject: me, onsetDateTime: `201${i}-03-0${i + 1}` });
  for (let i = 0; i < 5; i++) out.push({ resourceType: 'AllergyIntolerance', id: `${p}-a${i}`, patient: me, criticality: 'high', code: snomed(String(387494007 + i)), clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] } });
  for (let i = 0; i < 6; i++) out.push({ resourceType: 'MedicationStatement', id: `${p}-m${i}`, status: 'active', subject: me, medicationCodeableConcept: snomed(String(387517004 + i)), dosage: [{ text: 'once a day' }] });
  for (let i = 0; i < 4; i++) out.push({ resourceType: 'RelatedPerson', id: `${p}-r${i}`, patient: me, name: [{ family: `Friend${i}` }], telecom: [{ system: 'phone', value: `07700 90012${i}` }] });
  for (let i = 0; i < 4; i++) out.push({ resourceType: 'Goal', id: `${p}-g${i}`, lifecycleStatus: 'active', description: { text: `goal ${i}` }, subject: me });
  for (let i = 0; i < 4; i++) out.push({ resourceType: 'Appointment', id: `${p}-t${i}`, status: 'booked', start: `2026-12-0${i + 1}T10:00:00Z`, end: `2026-12-0${i + 1}T10:30:00Z`, participant: [{ actor: me, status: 'accepted' }] });
  return out;
}

const tables = ['resources', 'resource_history', 'index_token', 'index_string', 'index_date', 'index_reference'];

/**
 * Seeds `people` people × 30 resources. Person 0 goes through the store like any write (so its
 * index rows are the real ones); the others are cloned from it in SQL, which takes minutes instead
 * of hours at 100,000 people and gives every person the same shape of record.
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
  await store.commit(writes(0), now);
  await store.close();

  const template = personId(0);
  if (kind === 'sqlite') {
    const db = new DatabaseSync(target.file!);
    db.exec('PRAGMA journal_mode = WAL');
    for (let start = 1; start < people; start += 10_000) {
      const end = Math.min(people - 1, start + 9_999);
      db.exec('BEGIN');
      for (const table of tables) {
        const columns = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{ name: string }>).map((c) => c.name);
        const select = columns.map((c) => (['compartment', 'id', 'content', 'target_id'].includes(c) ? `replace(t.${c}, '${template}', printf('p%07d', n.k))` : `t.${c}`)).join(', ');
        db.exec(`WITH RECURSIVE n(k) AS (SELECT ${start} UNION ALL SELECT k + 1 FROM n WHERE k < ${end})
                 INSERT INTO ${table} (${columns.join(', ')}) SELECT ${select} FROM ${table} t, n WHERE t.compartment = '${template}'`);
      }
      db.exec('COMMIT');
    }
    db.exec('ANALYZE');
    db.close();
  } else {
    const client = await pool!.connect();
    for (let start = 1; start < people; start += 10_000) {
      const end = Math.min(people - 1, start + 9_999);
      for (const table of tables) {
        const { rows } = await client.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema() ORDER BY ordinal_position`, [table]);
        const columns = rows.map((r: { column_name: string }) => r.column_name);
        const select = columns.map((c) => (['compartment', 'id', 'content', 'target_id'].includes(c) ? `replace(t.${c}, '${template}', 'p' || lpad(n.k::text, 7, '0'))` : `t.${c}`)).join(', ');
        await client.query(`INSERT INTO ${table} (${columns.join(', ')}) SELECT ${select} FROM ${table} t, generate_series(${start}, ${end}) AS n(k) WHERE t.compartment = '${template}'`);
      }
    }
    await client.query('ANALYZE');
    client.release();
  }

  const accounts = kind === 'sqlite' ? await openSqliteAccountStore({ file: target.file! }) : await openPostgresAccountStore({ pool: pool! });
  const passwordHash = await hashPassword(password);
  for (const n of accountsFor) await accounts.createAccount({ email: `person${n}@bench.example`, passwordHash, patientId: personId(n) });
  await accounts.close();
  await pool?.end();
  return { password };
}
