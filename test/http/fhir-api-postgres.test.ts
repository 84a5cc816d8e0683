import { describePostgres, postgresReachable } from '../support/postgres.ts';
import { describeFhirApi } from './fhir-api.contract.ts';

const pgUp = await postgresReachable();

describePostgres(pgUp, 'on the PostgreSQL server', () => describeFhirApi('postgres'));
