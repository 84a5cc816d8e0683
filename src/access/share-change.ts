import type { Consent } from '@medplum/fhirtypes';
import { isCarerConsent } from './carer-roles.ts';
import { grantFromConsent, type Grant, type GrantAction } from './grants.ts';
import type { SensitiveCategory } from './sensitivity.ts';
import { shareMoment } from './share-dates.ts';

/**
 * What one write to a Consent changed about who can see what, by its meaning for decide() (not
 * its text): a share made or ended, or made wider or narrower. Undefined when nothing changed
 * that matters (a note, the date it was recorded). Pure; notifications/ words it.
 */
export interface ShareChange {
  kind: 'made' | 'ended' | 'changed';
  /** The first grantee (`Organization/…`, `RelatedPerson/…`), after the change when there is one. */
  grantee: string;
  carer: boolean;
  wider: ShareDifference;
  narrower: ShareDifference;
  /** The end after the change (made, changed). */
  until?: string;
}

export interface ShareDifference {
  resourceTypes: string[];
  actions: GrantAction[];
  sensitive: SensitiveCategory[];
  grantees: string[];
  /** The new end, when it moved this way. */
  until?: string;
  /** The new start, when it moved this way. */
  from?: string;
}

export function compareShares(before: Consent | undefined, after: Consent | undefined): ShareChange | undefined {
  const was = before ? grantFromConsent(before) : undefined;
  const is = after ? grantFromConsent(after) : undefined;
  const consent = after ?? before;
  if (!consent || (!was && !is)) return undefined;
  const carer = isCarerConsent(consent);
  if (!was || !is) {
    const grant = (is ?? was)!;
    return { kind: is ? 'made' : 'ended', grantee: grant.grantees[0] ?? '', carer, wider: none(), narrower: none(), ...(is?.end ? { until: is.end } : {}) };
  }
  const wider = differenceOf(is, was);
  const narrower = differenceOf(was, is);
  if (moment(is.end, 'end') > moment(was.end, 'end')) wider.until = is.end;
  if (moment(is.end, 'end') < moment(was.end, 'end')) narrower.until = is.end;
  if (moment(is.start, 'start') < moment(was.start, 'start')) wider.from = is.start;
  if (moment(is.start, 'start') > moment(was.start, 'start')) narrower.from = is.start;
  if (isEmpty(wider) && isEmpty(narrower)) return undefined;
  return { kind: 'changed', grantee: is.grantees[0] ?? '', carer, wider, narrower, ...(is.end ? { until: is.end } : {}) };
}

/** What `more` allows that `less` does not. */
function differenceOf(more: Grant, less: Grant): ShareDifference {
  return {
    resourceTypes: [...more.resourceTypes].filter((t) => !less.resourceTypes.has(t)),
    actions: [...more.actions].filter((a) => !less.actions.has(a)),
    sensitive: [...more.sensitive].filter((c) => !less.sensitive.has(c)),
    grantees: more.grantees.filter((g) => !less.grantees.includes(g)),
  };
}

/** No end is for ever, no start is from always (grants reach here only with dates that can be read). */
function moment(value: string | undefined, side: 'start' | 'end'): number {
  const unbounded = side === 'end' ? Infinity : -Infinity;
  return value === undefined ? unbounded : (shareMoment(value, side) ?? unbounded);
}

const none = (): ShareDifference => ({ resourceTypes: [], actions: [], sensitive: [], grantees: [] });

function isEmpty(d: ShareDifference): boolean {
  return d.resourceTypes.length + d.actions.length + d.sensitive.length + d.grantees.length === 0 && d.until === undefined && d.from === undefined;
}
