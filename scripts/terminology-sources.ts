import type { CodeSystem, ValueSet } from '@medplum/fhirtypes';
import { canonicalBase } from '../src/profiles/canonical.ts';
import { organisationKindSystem, organisationKindTypes, professionalRoleSystem, professionalRoleTypes } from '../src/admin/directory-entries.ts';

/**
 * The pick-lists a person or carer chooses from: small, real SNOMED CT (and HL7) codes with the
 * words people use. Where no standard code says it (a key holder, a local area coordinator), the
 * wallet's own CodeSystem does, so nothing is made to look like SNOMED that is not.
 */
const sct = 'http://snomed.info/sct';
const roleCode = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const contactRole = 'http://terminology.hl7.org/CodeSystem/v2-0131';
const ownRoles = `${canonicalBase}/CodeSystem/redbag-roles`;

type Concept = [code: string, display: string];

const valueSet = (id: string, title: string, description: string, includes: Array<[system: string, concepts: Concept[]]>): ValueSet => ({
  resourceType: 'ValueSet',
  id,
  url: `${canonicalBase}/ValueSet/${id}`,
  version: '0.1.0',
  name: title.replace(/[^A-Za-z0-9]/g, ''),
  title,
  status: 'draft',
  description,
  compose: { include: includes.map(([system, concepts]) => ({ system, concept: concepts.map(([code, display]) => ({ code, display })) })) },
});

export const codeSystems: CodeSystem[] = [
  {
    resourceType: 'CodeSystem',
    id: 'redbag-roles',
    url: ownRoles,
    version: '0.1.0',
    name: 'RedBagRoles',
    title: 'Red Bag roles',
    status: 'draft',
    description: 'Roles in a person’s life and support that no standard code system names.',
    caseSensitive: true,
    content: 'complete',
    concept: [
      { code: 'key-holder', display: 'Key holder', definition: 'Holds a key to the person’s home and can let a crew or carer in.' },
      { code: 'carer', display: 'Unpaid carer', definition: 'Looks after the person without being paid for it (family, friend, neighbour).' },
      { code: 'legal-proxy', display: 'Legal proxy', definition: 'Acts as the person, set up by a Red Bag administrator with the reason recorded, for someone who cannot manage her own account: may decide who can see the record.' },
      { code: 'local-area-coordinator', display: 'Local area coordinator', definition: 'Local area coordination: helps the person stay independent and connected.' },
      { code: 'home-care-provider', display: 'Home care provider', definition: 'An organisation or worker providing care at home.' },
      { code: 'shared-lives-carer', display: 'Shared Lives carer', definition: 'A Shared Lives carer who shares their home and life with the person.' },
      { code: 'circle-of-support', display: 'Circle of support', definition: 'A member of the person’s circle of support.' },
      { code: 'health-wellbeing-coordinator', display: 'Health and wellbeing coordinator', definition: 'Health and wellbeing coordinator in a primary care network.' },
    ],
  },
];

const planKinds = `${canonicalBase}/CodeSystem/redbag-plan-kinds`;
/** "Not decided yet" has no SNOMED CT concept: said in the wallet's own code, never dressed up as SNOMED. */
export const resuscitationStatus = `${canonicalBase}/CodeSystem/redbag-resuscitation-status`;
const baseline = `${canonicalBase}/CodeSystem/redbag-baseline`;

codeSystems.push(
  {
    resourceType: 'CodeSystem',
    id: 'redbag-summary-sections',
    url: `${canonicalBase}/CodeSystem/redbag-summary-sections`,
    version: '0.1.0',
    name: 'RedBagSummarySections',
    title: 'Red Bag summary sections',
    status: 'draft',
    description: 'Sections of the Red Bag summary that the International Patient Summary has no LOINC code for.',
    caseSensitive: true,
    content: 'complete',
    concept: [
      { code: 'communication-needs', display: 'Communication needs', definition: 'Languages, interpreters and reasonable adjustments for communicating with the person.' },
      { code: 'contacts-and-care-team', display: 'Contacts and care team', definition: 'Emergency contacts, next of kin, key holders and the people and services who support the person.' },
      { code: 'what-matters', display: 'What matters to me', definition: 'What matters to the person, in her own words.' },
    ],
  },
  {
    resourceType: 'CodeSystem',
    id: 'redbag-plan-kinds',
    url: planKinds,
    version: '0.1.0',
    name: 'RedBagPlanKinds',
    title: 'Red Bag kinds of plan and flag',
    status: 'draft',
    description: 'Tells the wallet’s special plans and flags apart from ordinary ones.',
    caseSensitive: true,
    content: 'complete',
    concept: [
      { code: 'emergency-care-treatment-plan', display: 'Emergency care and treatment plan (ReSPECT)', definition: 'Recommendations for care in an emergency, made with the person.' },
      { code: 'reasonable-adjustment', display: 'Reasonable adjustment', definition: 'A change the person needs so that services work for her (Equality Act 2010).' },
    ],
  },
  {
    resourceType: 'CodeSystem',
    id: 'redbag-resuscitation-status',
    url: resuscitationStatus,
    version: '0.1.0',
    name: 'RedBagResuscitationStatus',
    title: 'Red Bag resuscitation decision status',
    status: 'draft',
    description: 'What an emergency care and treatment plan says about resuscitation when no recommendation has been made: said on purpose, so a crew never reads silence as a decision.',
    caseSensitive: true,
    content: 'complete',
    concept: [
      { code: 'not-yet-decided', display: 'Resuscitation (CPR) not decided yet', definition: 'The person (with her clinician) has not yet made a recommendation about cardiopulmonary resuscitation. Neither "for CPR" nor "not for CPR": a crew follows its usual practice and asks.' },
    ],
  },
  {
    resourceType: 'CodeSystem',
    id: 'redbag-baseline',
    url: baseline,
    version: '0.1.0',
    name: 'RedBagBaseline',
    title: 'Red Bag baseline aspects',
    status: 'draft',
    description: 'The parts of a person’s usual self that tell a crew or a ward what has changed.',
    caseSensitive: true,
    content: 'complete',
    concept: [
      { code: 'usual-mobility', display: 'Usual mobility', definition: 'How the person usually moves about (for example walks with a frame indoors).' },
      { code: 'usual-cognition', display: 'Usual thinking and memory', definition: 'How the person usually thinks and remembers (for example forgets recent events, knows family).' },
      { code: 'usual-communication', display: 'Usual communication', definition: 'How the person usually communicates (for example uses Makaton, needs hearing aids).' },
    ],
  },
);

// The directory's own codes, from the same tables the admin API writes with, so they cannot drift.
const ownCodeSystem = (url: string, title: string, description: string, concepts: Record<string, { display: string; definition: string }>): CodeSystem => ({
  resourceType: 'CodeSystem',
  id: url.slice(url.lastIndexOf('/') + 1),
  url,
  version: '0.1.0',
  name: title.split(' ').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('').replace(/[^A-Za-z0-9]/g, ''),
  title,
  status: 'draft',
  description,
  caseSensitive: true,
  content: 'complete',
  concept: Object.entries(concepts).map(([code, { display, definition }]) => ({ code, display, definition })),
});

codeSystems.push(
  ownCodeSystem(organisationKindSystem, 'Red Bag organisation kinds', 'The kinds of organisation an admin puts in the directory; each Organization also carries the HL7 organisation type that fits.', organisationKindTypes),
  ownCodeSystem(professionalRoleSystem, 'Red Bag professional roles', 'What a professional does in her organisation; each PractitionerRole also carries the SNOMED CT occupation that fits.', professionalRoleTypes),
);

export const valueSets: ValueSet[] = [
  valueSet('redbag-summary-sections', 'Summary sections', 'The sections of a Red Bag summary, with the International Patient Summary’s LOINC section codes.', [
    ['http://loinc.org', [
      ['48765-2', 'Allergies and adverse reactions Document'], ['11450-4', 'Problem list - Reported'], ['10160-0', 'History of Medication use Narrative'],
      ['42348-3', 'Advance directives'], ['47420-5', 'Functional status assessment note'], ['18776-5', 'Plan of care note'], ['29762-2', 'Social history Narrative'],
    ]],
    [`${canonicalBase}/CodeSystem/redbag-summary-sections`, [['communication-needs', 'Communication needs'], ['contacts-and-care-team', 'Contacts and care team'], ['what-matters', 'What matters to me']]],
  ]),
  valueSet('redbag-baseline-aspects', 'Baseline aspects', 'Which part of the person’s usual self an observation describes.', [
    [baseline, [['usual-mobility', 'Usual mobility'], ['usual-cognition', 'Usual thinking and memory'], ['usual-communication', 'Usual communication']]],
  ]),
  // "No known allergy" (716186003) is not offered here: it is a statement of its own, never an allergen.
  valueSet('redbag-allergens', 'Common allergens', 'Substances people commonly react to, the painkiller families first.', [
    [sct, [
      ['387494007', 'Codeine'], ['373529000', 'Morphine'], ['386858008', 'Tramadol'], ['387458008', 'Aspirin'], ['387207008', 'Ibuprofen'],
      ['16403005', 'Non-steroidal anti-inflammatory agent'], ['764146007', 'Penicillin'], ['372687004', 'Amoxicillin'], ['111088007', 'Latex'],
      ['762952008', 'Peanut'], ['102263004', 'Eggs'],
    ]],
  ]),
  valueSet('redbag-long-term-conditions', 'Common long-term conditions', 'Long-term conditions common in older people.', [
    [sct, [
      ['44054006', 'Type 2 diabetes mellitus'], ['38341003', 'High blood pressure (hypertensive disorder)'], ['13645005', 'Chronic obstructive lung disease (COPD)'],
      ['195967001', 'Asthma'], ['49436004', 'Atrial fibrillation'], ['84114007', 'Heart failure'], ['52448006', 'Dementia'], ['396275006', 'Osteoarthritis'],
      ['64859006', 'Osteoporosis'], ['709044004', 'Chronic kidney disease'], ['49049000', 'Parkinson’s disease'], ['35489007', 'Depressive disorder'],
      ['230690007', 'Stroke'], ['40930008', 'Hypothyroidism'], ['5913000', 'Fracture of neck of femur'],
    ]],
  ]),
  valueSet('redbag-relationships', 'Relationships', 'Who a contact is to the person, and the part they play (next of kin, emergency contact, key holder, carer).', [
    [roleCode, [
      ['MTH', 'mother'], ['FTH', 'father'], ['DAU', 'daughter'], ['SON', 'son'], ['WIFE', 'wife'], ['HUSB', 'husband'], ['SPS', 'spouse'],
      ['DOMPART', 'domestic partner'], ['SIB', 'sibling'], ['GRNDCHILD', 'grandchild'], ['FRND', 'unrelated friend'], ['NBOR', 'neighbor'],
    ]],
    [contactRole, [['C', 'Emergency Contact'], ['N', 'Next-of-Kin']]],
    [ownRoles, [['key-holder', 'Key holder'], ['carer', 'Unpaid carer']]],
  ]),
  valueSet('redbag-resuscitation', 'Resuscitation recommendations', 'Whether cardiopulmonary resuscitation is recommended, as an emergency care and treatment plan records it, or that it is not decided yet.', [
    [sct, [['304252001', 'For cardiopulmonary resuscitation'], ['304253006', 'Not for cardiopulmonary resuscitation']]],
    [resuscitationStatus, [['not-yet-decided', 'Resuscitation (CPR) not decided yet']]],
  ]),
  valueSet('redbag-care-team-roles', 'Care team roles', 'The people and services in a person’s care team.', [
    [sct, [['62247001', 'General practitioner'], ['106328005', 'Social worker']]],
    [ownRoles, [
      ['local-area-coordinator', 'Local area coordinator'], ['home-care-provider', 'Home care provider'], ['shared-lives-carer', 'Shared Lives carer'],
      ['circle-of-support', 'Circle of support'], ['health-wellbeing-coordinator', 'Health and wellbeing coordinator'],
    ]],
  ]),
];
