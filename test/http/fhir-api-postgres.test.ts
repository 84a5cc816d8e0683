import { postgresReachable } from '../support/postgres.ts';
import { describeFhirApi } from './fhir-api.contract.ts';

describeFhirApi('postgres', postgresReachable);
