import { describe, expect, it } from 'vitest';
import { cardQr, linkQr, minimumModuleMm, moduleMm } from '../../src/cards/printed-qr.ts';
import type { PrintoutContent } from '../../src/cards/printout-content.ts';
import { fitWalletFront } from '../../src/cards/printout-fit.ts';
import { a4Layout, walletLayout } from '../../src/cards/printout-layout.ts';
import { ukDate, ukDateOf, withUkDates } from '../../src/cards/uk-date.ts';

const aisha: PrintoutContent = {
  name: 'Aisha Khan',
  born: '14 June 1944',
  allergies: ['HIGH RISK: Codeine — Anaphylaxis, severe'],
  resuscitation: 'Not for cardiopulmonary resuscitation',
  conditions: ['Atrial fibrillation (since 1 March 2019)'],
  medicines: ['Apixaban — 5 mg twice a day'],
  contact: 'Samira Khan (daughter) — 07700 900123',
  madeOn: '30 November 2026',
};

describe('dates on paper', () => {
  it('are written the UK way, whole or partial, and never as digits a reader could misread', () => {
    expect(ukDate('1944-06-14')).toBe('14 June 1944');
    expect(ukDate('2015-06')).toBe('June 2015');
    expect(ukDate('1944')).toBe('1944');
    expect(withUkDates('Fracture (since 2026-11-10)')).toBe('Fracture (since 10 November 2026)');
  });

  it('a printout made just after midnight in a British summer carries the British date', () => {
    expect(ukDateOf(new Date('2026-06-30T23:30:00Z'))).toBe('1 July 2026');
    expect(ukDateOf(new Date('2026-12-31T23:30:00Z'))).toBe('31 December 2026');
  });
});

describe('codes on paper', () => {
  it('the largest card a QR code may hold (version 22) still prints at 0.4 mm a module on the wallet card', () => {
    const digits = '5'.repeat(2380); // about the most a version 22 code holds
    const qr = cardQr(`shc:/${digits}`);
    expect(qr.size).toBe(105);
    expect(moduleMm(qr, walletLayout.cardBoxMm)).toBeGreaterThanOrEqual(minimumModuleMm);
    expect(moduleMm(qr, a4Layout.cardBoxMm)).toBeGreaterThanOrEqual(0.5);
  });

  it('a printout link for a long service address still prints at 0.4 mm a module on the wallet card', () => {
    const payload = Buffer.from(JSON.stringify({ url: `https://red-bag.some-nhs-trust.nhs.uk/shl/${'a'.repeat(43)}`, key: 'b'.repeat(43), exp: 1_800_000_000, flag: 'L', label: 'Printed Red Bag, 30 September 2026', v: 1 })).toString('base64url');
    const qr = linkQr(`https://red-bag.some-nhs-trust.nhs.uk/scan#shlink:/${payload}`);
    expect(moduleMm(qr, walletLayout.linkBoxMm)).toBeGreaterThanOrEqual(minimumModuleMm);
  });
});

describe('the wallet card’s front', () => {
  it('a short record is printed whole in the largest type', () => {
    const { front, sizePt } = fitWalletFront(aisha);
    expect(sizePt).toBe(8);
    expect(front.lines.map((l) => `${l.label}: ${l.text}`)).toEqual([
      'Resuscitation: Not for cardiopulmonary resuscitation',
      'Health problems: Atrial fibrillation (since 1 March 2019)',
      'Medicines: Apixaban — 5 mg twice a day',
      'Call: Samira Khan (daughter) — 07700 900123',
    ]);
  });

  it('a very long record keeps every allergy, resuscitation and who to call, and says plainly what did not fit', () => {
    const many = (n: number, what: string) => Array.from({ length: n }, (_, i) => `${what} number ${i + 1} with a long name — and long instructions for taking it`);
    const { front, sizePt } = fitWalletFront({ ...aisha, allergies: many(4, 'Allergy'), conditions: many(30, 'Condition'), medicines: many(30, 'Medicine') });
    expect(sizePt).toBe(6);
    expect(front.allergies).toHaveLength(4);
    expect(front.lines[0]!.text).toBe('Not for cardiopulmonary resuscitation');
    expect(front.lines[1]!.text).toMatch(/and \d+ more: see the A4 sheet or scan the code$/);
    expect(front.lines[3]!.text).toBe('Samira Khan (daughter) — 07700 900123');
  });
});
