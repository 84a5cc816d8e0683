import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { supportedSearchParams } from '../search/search-params.ts';
import { directoryTypes, recordTypes } from './resource-types.ts';

const readOnly = new Set<string>(['AuditEvent']);

/**
 * What this server really does, generated from the same lists the router and the store use,
 * so it cannot claim a parameter or interaction that is not there.
 */
export function capabilityStatement(publicUrl: string, softwareVersion: string, now: Date): CapabilityStatement {
  const types = [...recordTypes, ...directoryTypes];
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: now.toISOString(),
    kind: 'instance',
    publisher: 'Red Bag',
    software: { name: 'Red Bag', version: softwareVersion },
    implementation: { description: 'Red Bag personal health and care record', url: `${publicUrl}/fhir` },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: false,
          description: 'Every request needs a session cookie or a Bearer token from POST /auth/login. A person reaches her own record only.',
        },
        resource: types.map((type) => resourceCapability(type)),
        interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'history-system' }],
        operation: [
          { name: 'everything', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything' },
          { name: 'health-cards-issue', definition: 'https://spec.smarthealth.cards/artifacts/operation-patient-i-health-cards-issue.json', documentation: 'Issues the Red Bag as a SMART Health Card (one QR code).' },
          { name: 'summary', definition: 'http://hl7.org/fhir/uv/ips/OperationDefinition/summary', documentation: 'The Red Bag summary: an IPS-shaped document Bundle of what the caller may see.' },
          {
            name: 'import-summary',
            definition: 'https://redbag.example.org/fhir/OperationDefinition/Patient-import-summary',
            documentation: 'POST a FHIR document Bundle (International Patient Summary) to add its allergies, problems and medicines to the person’s record, all or nothing.',
          },
        ],
      },
    ],
  };
}

function resourceCapability(type: string): CapabilityStatementRestResource {
  const writable = !readOnly.has(type) && !directoryTypes.has(type);
  const interactions = ['read', 'vread', 'search-type', 'history-instance', 'history-type'];
  if (writable) interactions.push('create', 'update', 'delete');
  return {
    type: type as CapabilityStatementRestResource['type'],
    versioning: 'versioned',
    readHistory: true,
    updateCreate: false,
    conditionalCreate: writable,
    conditionalRead: 'not-supported',
    conditionalUpdate: false,
    conditionalDelete: 'not-supported',
    interaction: interactions.map((code) => ({ code: code as 'read' })),
    searchInclude: ['*'],
    searchRevInclude: ['*'],
    searchParam: supportedSearchParams(type).map((p) => ({ name: p.code, definition: p.url, type: p.type })),
  };
}
