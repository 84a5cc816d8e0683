import type { SensitiveCategory } from './sensitivity.ts';

/**
 * Words that make an item sensitive when they appear in what it is about: the free text a person
 * types for a condition or a medicine ("HIV", "sertraline 50mg"), or the display of a code outside
 * the short SNOMED CT list (dm+d medicine names, "Recurrent depressive disorder"). Matched as whole
 * words, case-insensitively. A word list over-includes now and then ("family history of
 * depression"); that keeps an item out of a share it might have been in, which is the safe side.
 */
const words: Record<Exclude<SensitiveCategory, 'restricted'>, readonly string[]> = {
  'mental-health': [
    'depression', 'depressive', 'anxiety disorder', 'panic disorder', 'schizophrenia', 'schizoaffective', 'bipolar', 'psychosis',
    'psychotic', 'ptsd', 'post-traumatic stress', 'posttraumatic stress', 'personality disorder', 'eating disorder', 'anorexia nervosa',
    'bulimia', 'self-harm', 'self harm', 'suicidal', 'suicide', 'mental illness', 'mental disorder', 'obsessive-compulsive',
    // Medicines that say what they treat: antidepressants, antipsychotics, mood stabilisers.
    'sertraline', 'fluoxetine', 'citalopram', 'escitalopram', 'paroxetine', 'venlafaxine', 'duloxetine', 'mirtazapine', 'trazodone',
    'olanzapine', 'risperidone', 'quetiapine', 'aripiprazole', 'clozapine', 'haloperidol', 'lurasidone', 'paliperidone', 'lithium',
  ],
  'alcohol-and-drugs': [
    'alcoholism', 'alcohol abuse', 'alcohol dependence', 'alcohol misuse', 'alcohol use disorder', 'drug abuse', 'drug misuse',
    'drug dependence', 'opioid dependence', 'opioid use disorder', 'substance abuse', 'substance misuse', 'substance use disorder',
    'heroin', 'cocaine',
    // Treatment of dependence.
    'methadone', 'buprenorphine', 'disulfiram', 'acamprosate', 'naltrexone', 'nalmefene',
  ],
  'sexual-health': [
    'hiv', 'human immunodeficiency virus', 'sexually transmitted', 'chlamydia', 'chlamydial', 'gonorrhoea', 'gonorrhea', 'syphilis',
    'genital herpes', 'genital warts', 'termination of pregnancy',
    // Antiretrovirals and HIV prevention.
    'antiretroviral', 'tenofovir', 'emtricitabine', 'efavirenz', 'dolutegravir', 'bictegravir', 'raltegravir', 'darunavir', 'zidovudine',
    'abacavir', 'rilpivirine', 'cabotegravir', 'pre-exposure prophylaxis',
  ],
};

const escapeForPattern = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ -]/g, '[\\s-]');

const patterns = Object.entries(words).map(([category, list]) => ({
  category: category as SensitiveCategory,
  pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.map(escapeForPattern).join('|')})(?![\\p{L}\\p{N}])`, 'iu'),
}));

/** The categories whose words appear in this text. Pure. */
export function categoriesInText(text: string): SensitiveCategory[] {
  return patterns.filter((p) => p.pattern.test(text)).map((p) => p.category);
}
