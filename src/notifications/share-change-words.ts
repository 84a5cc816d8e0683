import type { ShareChange, ShareDifference } from '../access/share-change.ts';
import { dataClasses } from '../access/data-classes.ts';
import type { SensitiveCategory } from '../access/sensitivity.ts';

/**
 * The plain words for a change of who can see a record: a share (or a carer arrangement) ended,
 * made again, or made wider or narrower. Pure. `names` turns the references in the change into
 * names; `record` is "your record" or "Doris’s record"; `dateWords` formats a date.
 */
export function shareChangeWords(change: ShareChange, names: (reference: string) => string, record: string, dateWords: (iso: string) => string): { text: string; subject: string; email: string } {
  const who = names(change.grantee);
  if (change.kind === 'ended') {
    return change.carer
      ? { text: `${who} is no longer a carer and can no longer see ${record}.`, subject: `${who} is no longer a carer`, email: `${who} is no longer a carer for ${record}.` }
      : { text: `The share with ${who} has ended: they can no longer see ${record}.`, subject: 'a share has ended', email: `The share of ${record} with ${who} has ended.` };
  }
  const more = items(change.wider, names, dateWords, 'more');
  const less = items(change.narrower, names, dateWords, 'less');
  const sentences = [
    more.length ? `${who} can now do more with ${record}: ${more.join('; ')}.` : '',
    less.length ? `${who} can now do less with ${record}: ${less.join('; ')}.` : '',
  ].filter(Boolean);
  const text = change.kind === 'made' ? `${who} can see ${record} again${change.until ? `, until ${dateWords(change.until)}` : ''}.` : sentences.join(' ');
  return { text, subject: `who can see ${record} has changed`, email: `Who can see ${record} has changed: ${who}.` };
}

/** Whole data classes by their label; a class only partly added or taken out, type by type. */
function kindsOf(resourceTypes: readonly string[]): string[] {
  const types = new Set(resourceTypes);
  return dataClasses.flatMap((c) => {
    if (c.resourceTypes.every((t) => types.has(t))) return [c.label.toLowerCase()];
    return c.resourceTypes.filter((t) => types.has(t)).map((t) => typeWords[t] ?? t);
  });
}

const typeWords: Record<string, string> = {
  CarePlan: 'support plan',
  Goal: 'goals',
  Observation: 'what is usual (baseline)',
  RelatedPerson: 'contacts',
  CareTeam: 'care team',
  AllergyIntolerance: 'allergies',
  MedicationStatement: 'medicines',
  Flag: 'concerns',
  Communication: 'visit notes',
  Composition: 'discharge summaries',
  DocumentReference: 'documents',
};

const sensitiveWords: Record<SensitiveCategory, string> = {
  'mental-health': 'mental health',
  'alcohol-and-drugs': 'alcohol and drugs',
  'sexual-health': 'sexual health',
  restricted: 'what you marked restricted',
};

function items(d: ShareDifference, names: (reference: string) => string, dateWords: (iso: string) => string, way: 'more' | 'less'): string[] {
  const see = way === 'more' ? 'see' : 'no longer see';
  const found: string[] = [];
  const kinds = kindsOf(d.resourceTypes);
  if (kinds.length) found.push(`${see} ${kinds.join(', ')}`);
  for (const category of d.sensitive) found.push(`${see} items about ${sensitiveWords[category]}`);
  if (d.actions.includes('add-notes')) found.push(way === 'more' ? 'add visit notes and raise concerns' : 'no longer add notes or raise concerns');
  if (d.actions.includes('manage')) found.push(way === 'more' ? 'change it, not only see it' : 'no longer change it');
  for (const grantee of d.grantees) found.push(way === 'more' ? `also share it with ${names(grantee)}` : `no longer share it with ${names(grantee)}`);
  if (d.until) found.push(`${way === 'more' ? 'keep it' : 'have it only'} until ${dateWords(d.until)}`);
  if (d.from) found.push(`${way === 'more' ? 'have it' : 'have it only'} from ${dateWords(d.from)}`);
  return found;
}
