import { describe, expect, it } from 'vitest';
import { markedVerified, withVerificationKept } from '../../src/access/identity.ts';
import { emergencyView } from '../../web/src/scan/emergency-view.ts';

const given = withVerificationKept(undefined, { resourceType: 'Patient', name: [{ given: ['Aisha'], family: 'Khan' }], identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018' }] });
const checked = markedVerified(given, '9990000018')!;

describe('the scanner says whether an NHS number was checked', () => {
  it('a number she only gave reads "not verified", in a full summary and on a card', () => {
    expect(emergencyView({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: given }] })).toMatchObject({ nhsNumber: '999 000 0018', nhsNumberVerified: false });
    const onCard = { resourceType: 'Patient' as const, identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018' }] };
    expect(emergencyView({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: onCard }] }).nhsNumberVerified).toBe(false);
  });

  it('a checked number reads "verified" (summary: status 01 and official; card: official)', () => {
    expect(emergencyView({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: checked }] }).nhsNumberVerified).toBe(true);
    const onCard = { resourceType: 'Patient' as const, identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018', use: 'official' as const }] };
    expect(emergencyView({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: onCard }] }).nhsNumberVerified).toBe(true);
  });

  it('"official" with a status that says not traced is not verified', () => {
    const claimed = { ...given, identifier: given.identifier!.map((i) => ({ ...i, use: 'official' as const })) };
    expect(emergencyView({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: claimed }] }).nhsNumberVerified).toBe(false);
  });
});
