import type { SqlExecutor } from '../sql/executor.ts';

/**
 * 0001: the schema as it was before versioned migrations, frozen here (never edit: a new change is
 * a new numbered migration). Every statement is "IF NOT EXISTS", and the columns that older
 * databases lacked are added, so a database made by any earlier version is adopted as it is.
 */
export const name = '0001-baseline';

const sqlite = [
  "CREATE TABLE IF NOT EXISTS resources (compartment TEXT NOT NULL, resource_type TEXT NOT NULL, id TEXT NOT NULL, version_id INTEGER NOT NULL, last_updated TEXT NOT NULL, deleted INTEGER NOT NULL, content TEXT, PRIMARY KEY (compartment, resource_type, id)) STRICT",
  "CREATE UNIQUE INDEX IF NOT EXISTS resources_by_id ON resources (resource_type, id)",
  "CREATE INDEX IF NOT EXISTS resources_by_updated ON resources (compartment, resource_type, last_updated)",
  "CREATE TABLE IF NOT EXISTS resource_history (compartment TEXT NOT NULL, resource_type TEXT NOT NULL, id TEXT NOT NULL, version_id INTEGER NOT NULL, last_updated TEXT NOT NULL, deleted INTEGER NOT NULL, content TEXT, PRIMARY KEY (compartment, resource_type, id, version_id)) STRICT",
  "CREATE INDEX IF NOT EXISTS resource_history_by_id ON resource_history (resource_type, id, version_id)",
  "CREATE INDEX IF NOT EXISTS resource_history_by_time ON resource_history (compartment, last_updated)",
  "CREATE TABLE IF NOT EXISTS index_token (compartment TEXT NOT NULL, resource_type TEXT NOT NULL, id TEXT NOT NULL, param TEXT NOT NULL, system TEXT NOT NULL, code TEXT NOT NULL) STRICT",
  "CREATE INDEX IF NOT EXISTS index_token_owner ON index_token (compartment, resource_type, id)",
  "CREATE INDEX IF NOT EXISTS index_token_search ON index_token (compartment, resource_type, param, code, system)",
  "CREATE TABLE IF NOT EXISTS index_string (compartment TEXT NOT NULL, resource_type TEXT NOT NULL, id TEXT NOT NULL, param TEXT NOT NULL, value TEXT NOT NULL, exact TEXT NOT NULL) STRICT",
  "CREATE INDEX IF NOT EXISTS index_string_owner ON index_string (compartment, resource_type, id)",
  "CREATE INDEX IF NOT EXISTS index_string_search ON index_string (compartment, resource_type, param, value)",
  "CREATE TABLE IF NOT EXISTS index_date (compartment TEXT NOT NULL, resource_type TEXT NOT NULL, id TEXT NOT NULL, param TEXT NOT NULL, start_at TEXT NOT NULL, end_at TEXT NOT NULL) STRICT",
  "CREATE INDEX IF NOT EXISTS index_date_owner ON index_date (compartment, resource_type, id)",
  "CREATE INDEX IF NOT EXISTS index_date_search ON index_date (compartment, resource_type, param, start_at, end_at)",
  "CREATE TABLE IF NOT EXISTS index_reference (compartment TEXT NOT NULL, resource_type TEXT NOT NULL, id TEXT NOT NULL, param TEXT NOT NULL, target_type TEXT NOT NULL, target_id TEXT NOT NULL) STRICT",
  "CREATE INDEX IF NOT EXISTS index_reference_owner ON index_reference (compartment, resource_type, id)",
  "CREATE INDEX IF NOT EXISTS index_reference_search ON index_reference (compartment, resource_type, param, target_id, target_type)",
  "CREATE INDEX IF NOT EXISTS index_reference_by_target ON index_reference (target_id, target_type, resource_type, param)",
  "CREATE TABLE IF NOT EXISTS backend_clients (id TEXT PRIMARY KEY, name TEXT NOT NULL, organization_id TEXT NOT NULL, jwks TEXT, jwks_uri TEXT, scopes TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT) STRICT",
  "CREATE TABLE IF NOT EXISTS client_assertion_jtis (client_id TEXT NOT NULL, jti TEXT NOT NULL, expires_at TEXT NOT NULL, PRIMARY KEY (client_id, jti)) STRICT",
  "CREATE TABLE IF NOT EXISTS carer_invitations (id TEXT PRIMARY KEY, patient_id TEXT NOT NULL, code_hash TEXT NOT NULL UNIQUE, rights TEXT NOT NULL, expires_at TEXT NOT NULL, created_at TEXT NOT NULL, accepted_by TEXT, accepted_at TEXT, cancelled_at TEXT) STRICT",
  "CREATE INDEX IF NOT EXISTS carer_invitations_by_patient ON carer_invitations (patient_id)",
  "CREATE TABLE IF NOT EXISTS carer_links (account_id TEXT NOT NULL, patient_id TEXT NOT NULL, PRIMARY KEY (account_id, patient_id)) STRICT",
  "CREATE TABLE IF NOT EXISTS emergency_accesses (id TEXT PRIMARY KEY, patient_id TEXT NOT NULL, practitioner_role_id TEXT NOT NULL, reason TEXT NOT NULL, starts_at TEXT NOT NULL, ends_at TEXT NOT NULL) STRICT",
  "CREATE INDEX IF NOT EXISTS emergency_accesses_by_role ON emergency_accesses (practitioner_role_id, ends_at)",
  "CREATE INDEX IF NOT EXISTS emergency_accesses_by_start ON emergency_accesses (starts_at)",
  "CREATE TABLE IF NOT EXISTS notices_done (notice_key TEXT PRIMARY KEY, patient_id TEXT NOT NULL, done_at TEXT NOT NULL) STRICT",
  "CREATE TABLE IF NOT EXISTS notifications (id TEXT PRIMARY KEY, notice_key TEXT NOT NULL, account_id TEXT NOT NULL, patient_id TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL, read_at TEXT, UNIQUE (notice_key, account_id)) STRICT",
  "CREATE INDEX IF NOT EXISTS notifications_by_account ON notifications (account_id, created_at)",
  "CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, notice_key TEXT NOT NULL, recipient TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL, claimed_until TEXT, sent_at TEXT, failed_at TEXT, UNIQUE (notice_key, recipient)) STRICT",
  "CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL",
  "CREATE INDEX IF NOT EXISTS outbox_by_recipient ON outbox (recipient, created_at)",
  "CREATE TABLE IF NOT EXISTS job_leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, lease_until TEXT NOT NULL) STRICT",
  "CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, patient_id TEXT NOT NULL, created_at TEXT NOT NULL, given_name TEXT, family_name TEXT) STRICT",
  "CREATE INDEX IF NOT EXISTS accounts_by_patient ON accounts (patient_id)",
  "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, account_id TEXT NOT NULL, patient_id TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT) STRICT",
  "CREATE INDEX IF NOT EXISTS sessions_by_account ON sessions (account_id)",
  "CREATE TABLE IF NOT EXISTS service_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
  "CREATE TABLE IF NOT EXISTS issuer_keys (kid TEXT PRIMARY KEY, private_jwk TEXT NOT NULL, created_at TEXT NOT NULL, retired_at TEXT) STRICT",
  "CREATE TABLE IF NOT EXISTS health_links (id TEXT PRIMARY KEY, patient_id TEXT NOT NULL, label TEXT NOT NULL, key TEXT NOT NULL, passcode_hash TEXT, expires_at TEXT NOT NULL, remaining_attempts INTEGER NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT) STRICT",
  "CREATE INDEX IF NOT EXISTS health_links_by_patient ON health_links (patient_id)",
  "CREATE TABLE IF NOT EXISTS health_link_accesses (link_id TEXT NOT NULL, accessed_at TEXT NOT NULL, recipient TEXT NOT NULL, outcome TEXT NOT NULL) STRICT",
  "CREATE INDEX IF NOT EXISTS health_link_accesses_by_link ON health_link_accesses (link_id, accessed_at)",
  "CREATE TABLE IF NOT EXISTS card_revocations (kid TEXT NOT NULL, rid TEXT NOT NULL, revoked_at TEXT NOT NULL, PRIMARY KEY (kid, rid, revoked_at)) STRICT",
];

const postgres = [
  "CREATE TABLE IF NOT EXISTS resources (compartment TEXT NOT NULL, resource_type TEXT NOT NULL, id TEXT NOT NULL, version_id BIGINT NOT NULL, last_updated TEXT NOT NULL, deleted BIGINT NOT NULL, content TEXT, PRIMARY KEY (compartment, resource_type, id))",
  "CREATE UNIQUE INDEX IF NOT EXISTS resources_by_id ON resources (resource_type, id)",
  "CREATE INDEX IF NOT EXISTS resources_by_updated ON resources (compartment, resource_type, last_updated)",
  "CREATE TABLE IF NOT EXISTS resource_history (compartment TEXT NOT NULL, resource_type TEXT NOT NULL, id TEXT NOT NULL, version_id BIGINT NOT NULL, last_updated TEXT NOT NULL, deleted BIGINT NOT NULL, content TEXT, PRIMARY KEY (compartment, resource_type, id, version_id))",
  "CREATE INDEX IF NOT EXISTS resource_history_by_id ON resource_history (resource_type, id, version_id)",
  "CREATE INDEX IF NOT EXISTS resource_history_by_time ON resource_history (compartment, last_updated)",
  "CREATE TABLE IF NOT EXISTS index_token (compartment TEXT NOT NULL, resource_type TEXT NOT NULL, id TEXT NOT NULL, param TEXT NOT NULL, system TEXT NOT NULL, code TEXT NOT NULL)",
  "CREATE INDEX IF NOT EXISTS index_token_owner ON index_token (compartment, resource_type, id)",
  "CREATE INDEX IF NOT EXISTS index_token_search ON index_token (compartment, resource_type, param, code, system)",
  "CREATE TABLE IF NOT EXISTS index_string (compartment TEXT NOT NULL, resource_type TEXT NOT NULL, id TEXT NOT NULL, param TEXT NOT NULL, value TEXT NOT NULL, exact TEXT NOT NULL)",
  "CREATE INDEX IF NOT EXISTS index_string_owner ON index_string (compartment, resource_type, id)",
  "CREATE INDEX IF NOT EXISTS index_string_search ON index_string (compartment, resource_type, param, value)",
  "CREATE TABLE IF NOT EXISTS index_date (compartment TEXT NOT NULL, resource_type TEXT NOT NULL, id TEXT NOT NULL, param TEXT NOT NULL, start_at TEXT NOT NULL, end_at TEXT NOT NULL)",
  "CREATE INDEX IF NOT EXISTS index_date_owner ON index_date (compartment, resource_type, id)",
  "CREATE INDEX IF NOT EXISTS index_date_search ON index_date (compartment, resource_type, param, start_at, end_at)",
  "CREATE TABLE IF NOT EXISTS index_reference (compartment TEXT NOT NULL, resource_type TEXT NOT NULL, id TEXT NOT NULL, param TEXT NOT NULL, target_type TEXT NOT NULL, target_id TEXT NOT NULL)",
  "CREATE INDEX IF NOT EXISTS index_reference_owner ON index_reference (compartment, resource_type, id)",
  "CREATE INDEX IF NOT EXISTS index_reference_search ON index_reference (compartment, resource_type, param, target_id, target_type)",
  "CREATE INDEX IF NOT EXISTS index_reference_by_target ON index_reference (target_id, target_type, resource_type, param)",
  "CREATE TABLE IF NOT EXISTS backend_clients (id TEXT PRIMARY KEY, name TEXT NOT NULL, organization_id TEXT NOT NULL, jwks TEXT, jwks_uri TEXT, scopes TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT)",
  "CREATE TABLE IF NOT EXISTS client_assertion_jtis (client_id TEXT NOT NULL, jti TEXT NOT NULL, expires_at TEXT NOT NULL, PRIMARY KEY (client_id, jti))",
  "CREATE TABLE IF NOT EXISTS carer_invitations (id TEXT PRIMARY KEY, patient_id TEXT NOT NULL, code_hash TEXT NOT NULL UNIQUE, rights TEXT NOT NULL, expires_at TEXT NOT NULL, created_at TEXT NOT NULL, accepted_by TEXT, accepted_at TEXT, cancelled_at TEXT)",
  "CREATE INDEX IF NOT EXISTS carer_invitations_by_patient ON carer_invitations (patient_id)",
  "CREATE TABLE IF NOT EXISTS carer_links (account_id TEXT NOT NULL, patient_id TEXT NOT NULL, PRIMARY KEY (account_id, patient_id))",
  "CREATE TABLE IF NOT EXISTS emergency_accesses (id TEXT PRIMARY KEY, patient_id TEXT NOT NULL, practitioner_role_id TEXT NOT NULL, reason TEXT NOT NULL, starts_at TEXT NOT NULL, ends_at TEXT NOT NULL)",
  "CREATE INDEX IF NOT EXISTS emergency_accesses_by_role ON emergency_accesses (practitioner_role_id, ends_at)",
  "CREATE INDEX IF NOT EXISTS emergency_accesses_by_start ON emergency_accesses (starts_at)",
  "CREATE TABLE IF NOT EXISTS notices_done (notice_key TEXT PRIMARY KEY, patient_id TEXT NOT NULL, done_at TEXT NOT NULL)",
  "CREATE TABLE IF NOT EXISTS notifications (id TEXT PRIMARY KEY, notice_key TEXT NOT NULL, account_id TEXT NOT NULL, patient_id TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL, read_at TEXT, UNIQUE (notice_key, account_id))",
  "CREATE INDEX IF NOT EXISTS notifications_by_account ON notifications (account_id, created_at)",
  "CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, notice_key TEXT NOT NULL, recipient TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL, attempts BIGINT NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL, claimed_until TEXT, sent_at TEXT, failed_at TEXT, UNIQUE (notice_key, recipient))",
  "CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL",
  "CREATE INDEX IF NOT EXISTS outbox_by_recipient ON outbox (recipient, created_at)",
  "CREATE TABLE IF NOT EXISTS job_leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, lease_until TEXT NOT NULL)",
  "CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, patient_id TEXT NOT NULL, created_at TEXT NOT NULL, given_name TEXT, family_name TEXT)",
  "CREATE INDEX IF NOT EXISTS accounts_by_patient ON accounts (patient_id)",
  "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, account_id TEXT NOT NULL, patient_id TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT)",
  "CREATE INDEX IF NOT EXISTS sessions_by_account ON sessions (account_id)",
  "CREATE TABLE IF NOT EXISTS service_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
  "CREATE TABLE IF NOT EXISTS issuer_keys (kid TEXT PRIMARY KEY, private_jwk TEXT NOT NULL, created_at TEXT NOT NULL, retired_at TEXT)",
  "CREATE TABLE IF NOT EXISTS health_links (id TEXT PRIMARY KEY, patient_id TEXT NOT NULL, label TEXT NOT NULL, key TEXT NOT NULL, passcode_hash TEXT, expires_at TEXT NOT NULL, remaining_attempts INTEGER NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT)",
  "CREATE INDEX IF NOT EXISTS health_links_by_patient ON health_links (patient_id)",
  "CREATE TABLE IF NOT EXISTS health_link_accesses (link_id TEXT NOT NULL, accessed_at TEXT NOT NULL, recipient TEXT NOT NULL, outcome TEXT NOT NULL)",
  "CREATE INDEX IF NOT EXISTS health_link_accesses_by_link ON health_link_accesses (link_id, accessed_at)",
  "CREATE TABLE IF NOT EXISTS card_revocations (kid TEXT NOT NULL, rid TEXT NOT NULL, revoked_at TEXT NOT NULL, PRIMARY KEY (kid, rid, revoked_at))",
];

export async function up(db: SqlExecutor): Promise<void> {
  for (const statement of db.dialect === 'sqlite' ? sqlite : postgres) await db.run(statement);
  await addColumnsOlderDatabasesLack(db);
}

/** Accounts columns added before migrations existed (the last of the start-up ALTERs). */
async function addColumnsOlderDatabasesLack(db: SqlExecutor): Promise<void> {
  const present = db.dialect === 'sqlite'
    ? await db.all<{ name: string }>("SELECT name FROM pragma_table_info('accounts')")
    : await db.all<{ name: string }>("SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'accounts'");
  const add = async (column: string, definition: string): Promise<void> => {
    if (!present.some((c) => c.name === column)) await db.run(`ALTER TABLE accounts ADD COLUMN ${column} ${definition}`);
  };
  for (const column of ['given_name', 'family_name', 'practitioner_role_id', 'practitioner_id', 'organization_id', 'role', 'disabled_at']) await add(column, 'TEXT');
  await add('kind', "TEXT NOT NULL DEFAULT 'person'");
  await db.run('CREATE INDEX IF NOT EXISTS accounts_by_practitioner_role ON accounts (practitioner_role_id)');
}
