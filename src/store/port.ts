import type { AccountRepository } from './port/accounts.ts';
import type { ClientRepository } from './port/clients.ts';
import type { InvitationRepository } from './port/invitations.ts';
import type { JobRepository } from './port/jobs.ts';
import type { KeyRepository } from './port/keys.ts';
import type { LinkRepository } from './port/links.ts';
import type { NotificationRepository } from './port/notifications.ts';
import type { Store } from './store.ts';

export type * from './port/accounts.ts';
export type * from './port/account-security.ts';
export type * from './port/clients.ts';
export type * from './port/invitations.ts';
export type * from './port/jobs.ts';
export type * from './port/keys.ts';
export type * from './port/links.ts';
export type * from './port/notifications.ts';

/**
 * The storage port: one database seen through focused repositories. Each type lives beside its
 * repository in port/; the SQL behind them (store/sql, store/accounts) is the adapters' own.
 */
export interface Repositories {
  /** FHIR resources, their history and search index (store.ts). */
  records: Omit<Store, 'close' | 'kind'>;
  accounts: AccountRepository;
  keys: KeyRepository;
  /** Health links, their files and access log, cards made and card revocations. */
  links: LinkRepository;
  clients: ClientRepository;
  invitations: InvitationRepository;
  notifications: NotificationRepository;
  /** Leases and sign-in counts: what instances sharing the database must agree on. */
  jobs: JobRepository;
}

export interface UnitOfWork {
  /**
   * Runs `work` in ONE database transaction across every repository, committed (durable) before
   * it resolves; if `work` throws, nothing it wrote is kept and the error is thrown on. Everything
   * `work` calls joins the same transaction, also through the ordinary objects (the record layer,
   * the notifier): the adapters find the open transaction from the async context. A transaction
   * started inside another is a savepoint of it. Work inside one goes one step at a time (no
   * writes in parallel), and slow outside calls (hashing a password, sending mail) belong before
   * or after it: on SQLite it holds the one write lock. Nor may it wait for database work begun
   * outside it (a promise made earlier elsewhere): that work queues behind the unit (SQLite) or
   * needs another pooled connection (PostgreSQL).
   */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

/**
 * Every non-FHIR repository in one object, with the unit of work: what the services are handed
 * (each uses the few methods it needs).
 */
export interface AccountStore extends AccountRepository, KeyRepository, LinkRepository, ClientRepository, InvitationRepository, NotificationRepository, JobRepository, UnitOfWork {
  close(): Promise<void>;
}
