import type { SqlExecutor } from '../sql/executor.ts';
import * as baseline from './0001-baseline.ts';
import * as maintenanceProgress from './0002-maintenance-progress.ts';
import * as tokenKeysAndThrottle from './0003-token-keys-and-sign-in-throttle.ts';
import * as cardCurrency from './0004-card-currency.ts';
import * as oneRecordPerNhsNumber from './0005-one-record-per-nhs-number.ts';
import * as keyedByCompartment from './0006-keyed-by-compartment.ts';
import * as accountBasics from './0008-account-basics.ts';

/** One numbered change to the schema (or the data); never edited once released, only followed by another. */
export interface Migration {
  name: string;
  up(db: SqlExecutor): Promise<void>;
}

/** Every migration, in order. A new one is a new numbered file, added at the end. */
export const migrations: readonly Migration[] = [baseline, maintenanceProgress, tokenKeysAndThrottle, cardCurrency, oneRecordPerNhsNumber, keyedByCompartment, accountBasics];
