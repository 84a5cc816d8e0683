import type { PrintoutContent } from './printout-content.ts';
import { minimumModuleMm, moduleMm, type PrintedQr } from './printed-qr.ts';

/**
 * What the printouts say and where the codes go, shared by the HTML and the PDF so the two cannot
 * drift apart. Sizes in millimetres. Pure.
 */
export const a4Layout = { marginMm: 12, codeColumnMm: 62, cardBoxMm: 60, linkBoxMm: 45 } as const;
/**
 * The wallet card is the ID-1 size of a bank card, front and back. The back holds the two codes:
 * the card's code 46 mm square (a version 22 code, the largest allowed, is 113 modules with its
 * quiet zone: 0.407 mm each) and the link's 35 mm (a version 14 code: 0.43 mm each).
 */
export const walletLayout = { widthMm: 85.6, heightMm: 54, paddingMm: 1.5, cardBoxMm: 46, gapMm: 1.6, linkBoxMm: 35 } as const;

export interface PrintoutLinkCode {
  qr: PrintedQr;
  /** The day the link stops working, in UK style. */
  until: string;
}

export interface PrintoutCodes {
  card: PrintedQr;
  /** Absent when the person printing may print her card but not make links to her record. */
  link?: PrintoutLinkCode;
}

/** The words around the codes, the same on paper from HTML and from PDF. */
export const codeWords = {
  cardLabel: 'Scan to check this card (works offline)',
  cardNote: 'Shows whether this card is still current.',
  linkLabel: 'Scan for the full Red Bag (needs internet)',
  linkUntil: (until: string) => `Link works until ${until}. Every opening is logged.`,
  noLink: 'No link to the full Red Bag on this printout: only the person, or someone who manages their record, can add one.',
  tooSmall: 'This code would print too small to scan here: use the code on the A4 Red Bag sheet.',
  madeOn: (madeOn: string) => `Made on ${madeOn}`,
};

/** Whether a code prints at least 0.4 mm a module in its box; if not, the printout says where to scan instead. */
export const printsLargeEnough = (qr: PrintedQr, boxMm: number): boolean => moduleMm(qr, boxMm) >= minimumModuleMm;

/** The front of the wallet card in words, each list on one line so the most fits; `more` notes what would not. */
export interface WalletFront {
  title: string;
  identity: string;
  allergies: string[];
  lines: Array<{ label: string; text: string }>;
  footer: string;
}

/**
 * How much of the lists the front carries. `brief`: medicines by name without the dose, problems
 * without "since when" (the A4 sheet and the codes have the rest); then, only if still too long,
 * the last items give way to "and N more".
 */
export interface WalletShare {
  brief: boolean;
  conditions: number;
  medicines: number;
}

/** "Warfarin — as the clinic says" → "Warfarin"; "Fracture (since 10 November 2026)" → "Fracture". */
const briefMedicine = (line: string): string => line.split(' — ')[0]!;
const briefCondition = (line: string): string => line.replace(/ \(since [^)]*\)$/, '');

export function walletFront(content: PrintoutContent, share: WalletShare): WalletFront {
  const listed = (items: string[], kept: number, empty: string): string => {
    if (!items.length) return empty;
    const shown = items.slice(0, kept).join('; ');
    const left = items.length - kept;
    return left > 0 ? `${shown}${kept ? '; ' : ''}and ${left} more: see the A4 sheet or scan the code` : shown;
  };
  const conditions = share.brief ? content.conditions.map(briefCondition) : content.conditions;
  const medicines = share.brief ? content.medicines.map(briefMedicine) : content.medicines;
  return {
    title: `Red Bag: ${content.name}`,
    identity: identityLine(content),
    allergies: content.allergies,
    lines: [
      { label: 'Resuscitation', text: content.resuscitation },
      { label: share.brief ? 'Health problems (details on the A4 sheet)' : 'Health problems', text: listed(conditions, share.conditions, 'None recorded') },
      { label: share.brief ? 'Medicines (doses on the A4 sheet)' : 'Medicines', text: listed(medicines, share.medicines, 'None recorded') },
      { label: 'Call', text: content.contact ?? 'No contact recorded' },
    ],
    footer: `${codeWords.madeOn(content.madeOn)}. The codes are on the back.`,
  };
}

export const identityLine = (content: PrintoutContent): string =>
  `Born ${content.born}${content.nhsNumber ? ` · NHS number ${content.nhsNumber} (${content.nhsNumberVerified ? 'verified' : 'not verified'})` : ''}`;
