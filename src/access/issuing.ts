import type { Actor } from './actor.ts';
import type { Decision } from './decide.ts';
import type { Grant } from './grants.ts';

/**
 * Who may speak for the record in a signed or shareable form: a SMART Health Card (and its QR code
 * and printout) says "this is all of her allergies, signed by Red Bag", and a health link lets
 * whoever holds it read the whole summary. So they are made only by the person and by a carer who
 * manages her record — never by a professional, a hospital system, a carer who may only view, or
 * an emergency grant: they read the summary, they do not sign one. And never from a partial view:
 * a carer from whom part of the record is hidden (sensitive items the person did not include)
 * cannot make one, as the card would say less than the record does. Pure.
 */
export type Issuing =
  | 'card'
  | 'health-link'
  /** Retire every card made so far, see or revoke her links: the same people, whatever they can see. */
  | 'revoke-cards'
  | 'manage-links';

/** Cards and links carry the record's content: these need the caller to see all of it. */
const needsWholeView = new Set<Issuing>(['card', 'health-link']);

/**
 * `hidden`: how many entries of the record the caller cannot see (record/ counts them; 0 when not
 * counted yet, for the first look).
 */
export function decideIssuing(actor: Actor, what: Issuing, patientId: string, grants: readonly Grant[], hidden = 0): Decision {
  switch (actor.kind) {
    case 'system':
      return { permit: true, reason: `service task: ${actor.purpose}` };
    case 'person': {
      if (actor.patientId === patientId) return { permit: true, reason: 'the person’s own record' };
      const manager = grants.find((g) => g.patientId === patientId && g.source.startsWith('Consent/') && g.actions.has('manage'));
      if (!manager) return notTheirs(what, '');
      if (needsWholeView.has(what) && hidden > 0) {
        return deny(
          `part of the record is hidden from this carer, so a ${what} made by her would be incomplete`,
          `Part of this record is hidden from you (items the person has not shared with her carers), so a ${what === 'card' ? 'card' : 'link'} you make could leave out something a crew must know. The person can make it herself.`,
        );
      }
      return { permit: true, reason: 'carer managing the record', grant: manager.source };
    }
    default:
      return notTheirs(what, ' You can read the summary she shares with you.');
  }
}

const wording: Record<Issuing, string> = {
  card: 'make her Red Bag card or printout',
  'health-link': 'make a link to her Red Bag',
  'revoke-cards': 'retire her Red Bag cards',
  'manage-links': 'see or stop her Red Bag links',
};

function notTheirs(what: Issuing, more: string): Decision {
  const rule = `only the person or a carer who manages her record can ${wording[what]}`;
  return deny(rule, `Only the person, or a carer who manages her record, can ${wording[what]}.${more}`);
}

const deny = (reason: string, explanation: string): Decision => ({ permit: false, reason, explanation });
