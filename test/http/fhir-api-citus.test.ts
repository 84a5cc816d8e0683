import { citusReachable, describeCitus } from '../support/citus.ts';
import { describeFhirApi } from './fhir-api.contract.ts';

const citusUp = await citusReachable();

describeCitus(citusUp, 'on the Citus cluster', () => describeFhirApi('citus'));
