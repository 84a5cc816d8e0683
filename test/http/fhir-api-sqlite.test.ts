import { describeFhirApi } from './fhir-api.contract.ts';

describeFhirApi('sqlite');
