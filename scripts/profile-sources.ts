import type { ElementDefinition } from '@medplum/fhirtypes';
import { canonicalBase, nhsNumberSystem } from '../src/profiles/canonical.ts';

/**
 * The wallet's profiles as differentials: what each changes on its R4 base. build-profiles.ts turns
 * each into a StructureDefinition with a full snapshot in fhir-profiles/.
 */
export interface ProfileSource {
  id: string;
  type: string;
  title: string;
  description: string;
  /** Only resources that claim it in meta.profile must meet it (default: every resource of the type). */
  claimOnly?: boolean;
  differential: ElementDefinition[];
}

/** Modulus 11 in FHIRPath, so any FHIR validator can check it, not only ours. */
const weighted = [10, 9, 8, 7, 6, 5, 4, 3, 2].map((w, i) => `value.substring(${i},1).toInteger()*${w}`).join(' + ');
const nhsNumberValid = `identifier.where(system='${nhsNumberSystem}').all(value.matches('^[0-9]{10}$') and ((11 - ((${weighted}) mod 11)) mod 11) = value.substring(9,1).toInteger())`;

const profileUrl = (id: string): string => `${canonicalBase}/StructureDefinition/${id}`;
const valueSetUrl = (id: string): string => `${canonicalBase}/ValueSet/${id}`;

/** A rule on the whole resource, with the words a person sees when it is broken. */
const rule = (profile: string, key: string, human: string, expression: string) => ({ key, severity: 'error' as const, human, expression, source: profileUrl(profile) });

/** "Pick it from the list or type it": a code from any system, or at least words. */
const codedOrText = (path: string) => `${path}.coding.where(code.exists()).exists() or ${path}.text.exists()`;

export const profileSources: ProfileSource[] = [
  {
    id: 'redbag-patient',
    type: 'Patient',
    title: 'Red Bag Patient',
    description: 'The person whose record this is: at least one name, a date of birth, and an NHS number (if given) with a valid check digit.',
    differential: [
      {
        id: 'Patient',
        path: 'Patient',
        constraint: [
          {
            key: 'redbag-nhs-1',
            severity: 'error',
            human: 'The NHS number must be 10 digits with a valid check digit (modulus 11). Check it against a letter from the NHS or your GP, for example 943 476 5919.',
            expression: nhsNumberValid,
            source: `${canonicalBase}/StructureDefinition/redbag-patient`,
          },
        ],
      },
      { id: 'Patient.identifier', path: 'Patient.identifier', short: 'NHS number (system https://fhir.nhs.uk/Id/nhs-number), with UK Core’s Extension-UKCore-NHSNumberVerificationStatus on it when known' },
      { id: 'Patient.name', path: 'Patient.name', min: 1, short: 'The person’s name (at least one)' },
      { id: 'Patient.communication', path: 'Patient.communication', short: 'Languages she uses (BCP-47, for example pa, or bfi for British Sign Language; Makaton in words), which is preferred, and whether an interpreter is needed' },
      { id: 'Patient.generalPractitioner', path: 'Patient.generalPractitioner', short: 'Her GP practice (Organization) or GP (Practitioner)' },
      { id: 'Patient.birthDate', path: 'Patient.birthDate', min: 1, short: 'Date of birth: paramedics use it to confirm who someone is' },
    ],
  },
  {
    id: 'redbag-allergy-intolerance',
    type: 'AllergyIntolerance',
    title: 'Red Bag allergy',
    description: 'An allergy or intolerance: what it is to (a substance or product, SNOMED CT or dm+d as UK Core binds it), how dangerous, and what happens; or the statement "no known allergy" (SNOMED CT 716186003), which has no seriousness and no reaction.',
    differential: [
      {
        id: 'AllergyIntolerance',
        path: 'AllergyIntolerance',
        constraint: [
          // "No known allergy" printed as "HIGH RISK: No known allergy" invented a risk (issue 12).
          rule('redbag-allergy-intolerance', 'redbag-ai-2', '“No known allergies” is a statement, not an allergy: it has no seriousness and no reaction. Remove those, or record the allergy itself.', "code.coding.where(system = 'http://snomed.info/sct' and code = '716186003').empty() or (criticality.empty() and reaction.empty())"),
        ],
      },
      {
        id: 'AllergyIntolerance.code',
        path: 'AllergyIntolerance.code',
        min: 1,
        short: 'The substance or product (or no known allergy)',
        binding: { strength: 'extensible', valueSet: valueSetUrl('redbag-allergens') },
        constraint: [rule('redbag-allergy-intolerance', 'redbag-ai-1', 'Say what the allergy is to: pick it from the list or type its name.', codedOrText('$this'))],
      },
      { id: 'AllergyIntolerance.criticality', path: 'AllergyIntolerance.criticality', short: 'How dangerous a reaction could be: high, low, or unable to assess' },
      { id: 'AllergyIntolerance.verificationStatus', path: 'AllergyIntolerance.verificationStatus', short: 'Confirmed, unconfirmed or refuted' },
      { id: 'AllergyIntolerance.reaction.manifestation', path: 'AllergyIntolerance.reaction.manifestation', min: 1, short: 'What happens (for example a rash, anaphylaxis)' },
      { id: 'AllergyIntolerance.reaction.severity', path: 'AllergyIntolerance.reaction.severity', short: 'How bad the reaction was: mild, moderate or severe' },
    ],
  },
  {
    id: 'redbag-condition',
    type: 'Condition',
    title: 'Red Bag condition',
    description: 'A health problem or condition the person has or had, coded where possible (SNOMED CT), with whether it is current.',
    differential: [
      { id: 'Condition.clinicalStatus', path: 'Condition.clinicalStatus', min: 1, short: 'Whether the condition is current (active) or not' },
      {
        id: 'Condition.code',
        path: 'Condition.code',
        min: 1,
        short: 'The problem',
        binding: { strength: 'extensible', valueSet: valueSetUrl('redbag-long-term-conditions') },
        constraint: [rule('redbag-condition', 'redbag-cond-1', 'Say what the condition is: pick it from the list or type its name.', codedOrText('$this'))],
      },
    ],
  },
  {
    id: 'redbag-medication-statement',
    type: 'MedicationStatement',
    title: 'Red Bag medicine',
    description: 'A medicine the person takes: coded (dm+d or SNOMED CT) or named, how she takes it in words, and whether she still does.',
    differential: [
      {
        id: 'MedicationStatement',
        path: 'MedicationStatement',
        constraint: [
          rule('redbag-medication-statement', 'redbag-med-1', 'Say which medicine: pick it from the list or type its name.', `medication.ofType(CodeableConcept).exists() implies (${codedOrText('medication.ofType(CodeableConcept)')})`),
        ],
      },
      {
        id: 'MedicationStatement.dosage',
        path: 'MedicationStatement.dosage',
        short: 'How it is taken, in words (dosage.text)',
        constraint: [rule('redbag-medication-statement', 'redbag-med-2', 'Say how the medicine is taken, in words (for example "one tablet each morning").', 'text.exists() or timing.exists() or doseAndRate.exists()')],
      },
    ],
  },
  {
    id: 'redbag-related-person',
    type: 'RelatedPerson',
    title: 'Red Bag contact',
    description: 'Someone in the person’s life: who they are to her, their role (next of kin, emergency contact, carer, neighbour, key holder) and how to reach them. An emergency contact must have a way to reach them.',
    differential: [
      {
        id: 'RelatedPerson',
        path: 'RelatedPerson',
        constraint: [
          rule('redbag-related-person', 'redbag-rp-1', 'An emergency contact needs a phone number or another way to reach them.', "relationship.coding.where(system = 'http://terminology.hl7.org/CodeSystem/v2-0131' and code = 'C').exists() implies telecom.where(value.exists()).exists()"),
        ],
      },
      { id: 'RelatedPerson.name', path: 'RelatedPerson.name', min: 1, short: 'Their name' },
      { id: 'RelatedPerson.relationship', path: 'RelatedPerson.relationship', min: 1, short: 'Who they are to the person, and their role', binding: { strength: 'extensible', valueSet: valueSetUrl('redbag-relationships') } },
    ],
  },
  {
    id: 'redbag-care-team',
    type: 'CareTeam',
    title: 'Red Bag care team',
    description: 'The people and services who support the person, each with their role (GP, local area coordinator, home-care provider, Shared Lives carer, circle of support).',
    differential: [
      { id: 'CareTeam.participant', path: 'CareTeam.participant', min: 1, short: 'Members' },
      { id: 'CareTeam.participant.member', path: 'CareTeam.participant.member', min: 1, short: 'Who: a name or a link to them' },
      { id: 'CareTeam.participant.role', path: 'CareTeam.participant.role', min: 1, short: 'What they do for the person', binding: { strength: 'extensible', valueSet: valueSetUrl('redbag-care-team-roles') } },
    ],
  },
  {
    id: 'redbag-goal',
    type: 'Goal',
    title: 'Red Bag goal: what matters to me',
    description: 'Something that matters to the person, in her own words, with a target and notes on progress.',
    differential: [
      {
        id: 'Goal.description',
        path: 'Goal.description',
        short: 'What matters, in the person’s own words (description.text)',
        constraint: [rule('redbag-goal', 'redbag-goal-1', 'Write what matters, in the person’s own words.', 'text.exists()')],
      },
    ],
  },
  {
    id: 'redbag-care-plan',
    type: 'CarePlan',
    title: 'Red Bag support plan',
    description: 'The support plan: who helps with what, and when (a daily home-care visit, a weekly walking group, help shopping online), linked to the goals it serves.',
    differential: [
      {
        id: 'CarePlan.activity.detail',
        path: 'CarePlan.activity.detail',
        short: 'What happens, and when, in words (detail.description)',
        constraint: [rule('redbag-care-plan', 'redbag-cp-1', 'Describe each part of the plan in words (what happens, and when).', 'description.exists()')],
      },
    ],
  },
  {
    id: 'redbag-flag',
    type: 'Flag',
    title: 'Red Bag concern',
    description: 'A concern raised by a carer or support worker, or a warning about the person, with who raised it.',
    differential: [
      { id: 'Flag.code', path: 'Flag.code', constraint: [rule('redbag-flag', 'redbag-flag-1', 'Say what the concern is, in words or as a code.', codedOrText('$this'))] },
    ],
  },
  {
    id: 'redbag-consent',
    type: 'Consent',
    title: 'Red Bag sharing grant',
    description: 'A share the person grants: who may see her record (an organisation, a professional or a related person), what (resource types, grouped for people into data classes), for what purpose, and until when.',
    differential: [
      { id: 'Consent.provision', path: 'Consent.provision', min: 1, short: 'What is shared, with whom, until when' },
      { id: 'Consent.provision.period', path: 'Consent.provision.period', min: 1, short: 'From when until when the share lasts', constraint: [rule('redbag-consent', 'redbag-consent-1', 'Say until when the share lasts (an end date).', 'end.exists()')] },
      { id: 'Consent.provision.actor', path: 'Consent.provision.actor', min: 1, short: 'Who may see it (organisation, professional or related person)' },
      { id: 'Consent.provision.class', path: 'Consent.provision.class', min: 1, short: 'What may be seen, as resource types (http://hl7.org/fhir/resource-types)' },
      { id: 'Consent.provision.purpose', path: 'Consent.provision.purpose', short: 'Why (for example discharge planning, home care)' },
    ],
  },
  {
    id: 'redbag-emergency-care-plan',
    type: 'CarePlan',
    title: 'Red Bag emergency care and treatment plan (ReSPECT)',
    description: 'The person’s recommendations for emergency care, ReSPECT style: what matters to her in an emergency, the recommended care in words, and whether cardiopulmonary resuscitation is recommended (SNOMED CT 304252001 "For cardiopulmonary resuscitation" or 304253006 "Not for cardiopulmonary resuscitation"), or that this is not decided yet (redbag-resuscitation-status not-yet-decided: said on purpose, never left out).',
    claimOnly: true,
    differential: [
      {
        id: 'CarePlan',
        path: 'CarePlan',
        constraint: [
          rule('redbag-emergency-care-plan', 'redbag-ecp-1', 'Mark this plan as the emergency care and treatment plan (category emergency-care-treatment-plan).', `category.coding.where(system = '${canonicalBase}/CodeSystem/redbag-plan-kinds' and code = 'emergency-care-treatment-plan').exists()`),
          rule('redbag-emergency-care-plan', 'redbag-ecp-2', 'Say whether resuscitation (CPR) should be tried, should not be tried, or is not decided yet.', `activity.detail.code.coding.where((system = 'http://snomed.info/sct' and (code = '304252001' or code = '304253006')) or (system = '${canonicalBase}/CodeSystem/redbag-resuscitation-status' and code = 'not-yet-decided')).exists()`),
        ],
      },
      { id: 'CarePlan.description', path: 'CarePlan.description', min: 1, short: 'The recommendations for emergency care, in words' },
    ],
  },
  {
    id: 'redbag-baseline',
    type: 'Observation',
    title: 'Red Bag baseline',
    description: 'How the person usually is — usual mobility, thinking and memory, communication — so that a crew or a ward can tell what has changed.',
    differential: [
      {
        id: 'Observation',
        path: 'Observation',
        constraint: [rule('redbag-baseline', 'redbag-base-1', 'Describe how the person usually is, in words or as a value.', 'value.exists() or note.text.exists()')],
      },
      {
        id: 'Observation.code',
        path: 'Observation.code',
        short: 'Which part of her baseline (usual mobility, cognition, communication)',
        binding: { strength: 'extensible', valueSet: valueSetUrl('redbag-baseline-aspects') },
        constraint: [rule('redbag-baseline', 'redbag-base-2', 'Say which part of her usual self this describes.', codedOrText('$this'))],
      },
    ],
  },
  {
    id: 'redbag-reasonable-adjustment',
    type: 'Flag',
    title: 'Red Bag reasonable adjustment',
    description: 'An adjustment the person asks for (communication, access, support at appointments), in the shape of the NHS Reasonable Adjustment Flag: the adjustment (code), the impairment or condition behind it and the consent basis (extensions), and when it applies (period).',
    claimOnly: true,
    differential: [
      {
        id: 'Flag',
        path: 'Flag',
        constraint: [
          rule('redbag-reasonable-adjustment', 'redbag-ra-1', 'Mark this as a reasonable adjustment (category reasonable-adjustment).', `category.coding.where(system = '${canonicalBase}/CodeSystem/redbag-plan-kinds' and code = 'reasonable-adjustment').exists()`),
          rule('redbag-reasonable-adjustment', 'redbag-ra-2', 'Say on what basis this is shared (the person agreed, or it is in her best interests).', `extension.where(url = '${canonicalBase}/StructureDefinition/reasonable-adjustment-consent-basis').exists()`),
        ],
      },
      { id: 'Flag.code', path: 'Flag.code', short: 'The adjustment, for example "Use large print" or "Allow a carer to attend"' },
    ],
  },
  {
    id: 'redbag-summary-composition',
    type: 'Composition',
    title: 'Red Bag summary composition',
    description: 'The contents page of a Red Bag summary, shaped like the International Patient Summary: a Patient summary document (LOINC 60591-5) whose sections carry IPS section codes, allergies, problems and medicines always present (saying why when empty).',
    claimOnly: true,
    differential: [
      {
        id: 'Composition',
        path: 'Composition',
        constraint: [
          rule('redbag-summary-composition', 'redbag-sum-1', 'A summary is a Patient summary document (LOINC 60591-5).', "type.coding.where(system = 'http://loinc.org' and code = '60591-5').exists()"),
          rule('redbag-summary-composition', 'redbag-sum-2', 'A summary always has the allergies (48765-2), problems (11450-4) and medicines (10160-0) sections, even when they are empty.', "section.code.coding.where(system = 'http://loinc.org' and code = '48765-2').exists() and section.code.coding.where(system = 'http://loinc.org' and code = '11450-4').exists() and section.code.coding.where(system = 'http://loinc.org' and code = '10160-0').exists()"),
        ],
      },
      { id: 'Composition.subject', path: 'Composition.subject', min: 1, short: 'The person the summary is about' },
      { id: 'Composition.section', path: 'Composition.section', min: 3, short: 'Allergies first, then problems, medicines and the rest' },
      { id: 'Composition.section.code', path: 'Composition.section.code', min: 1, short: 'Which section (IPS LOINC section code)', binding: { strength: 'extensible', valueSet: valueSetUrl('redbag-summary-sections') } },
    ],
  },
  {
    id: 'redbag-summary',
    type: 'Bundle',
    title: 'Red Bag summary',
    description: 'The Red Bag emergency summary as a FHIR document: a Bundle of type document with an identifier and a time, whose first entry is its Composition.',
    claimOnly: true,
    differential: [
      {
        id: 'Bundle',
        path: 'Bundle',
        constraint: [
          rule('redbag-summary', 'redbag-doc-1', 'A summary is a FHIR document (Bundle type document).', "type = 'document'"),
          rule('redbag-summary', 'redbag-doc-2', 'A summary starts with its Composition.', "entry.first().resource.resourceType = 'Composition'"),
        ],
      },
      { id: 'Bundle.identifier', path: 'Bundle.identifier', min: 1, short: 'Identifies this summary, so a printed copy can be checked' },
      { id: 'Bundle.timestamp', path: 'Bundle.timestamp', min: 1, short: 'When the summary was made' },
    ],
  },
];

/** Extensions the wallet defines: a CodeableConcept value on the named resource type. */
export interface ExtensionSource {
  id: string;
  title: string;
  description: string;
  context: string;
}

export const extensionSources: ExtensionSource[] = [
  {
    id: 'reasonable-adjustment-consent-basis',
    title: 'Reasonable adjustment: consent basis',
    description: 'On what basis the adjustment is recorded and shared: the person agreed, or (when she cannot decide) it is in her best interests — as the NHS Reasonable Adjustment Flag records it.',
    context: 'Flag',
  },
  {
    id: 'reasonable-adjustment-impairment',
    title: 'Reasonable adjustment: impairment or condition',
    description: 'The impairment or condition the adjustment is for (for example hearing loss, learning disability, autism).',
    context: 'Flag',
  },
];
