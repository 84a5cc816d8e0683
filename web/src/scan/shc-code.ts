/**
 * Reading what a QR code holds: a SMART Health Card (`shc:/` + digits) or a SMART Health Link
 * (`shlink:/…`, also inside a viewer address `https://…#shlink:/…`). Pure and browser-safe.
 */
export type ScannedCode = { kind: 'card'; jws: string } | { kind: 'link'; text: string };

export class UnreadableCode extends Error {}

export function readScannedText(text: string): ScannedCode {
  const trimmed = text.trim();
  if (/^shc:\/\d+\/\d+\//i.test(trimmed)) {
    throw new UnreadableCode('This card is split over several QR codes. This scanner reads single-code cards only.');
  }
  const card = /^shc:\/(\d+)$/i.exec(trimmed);
  if (card) return { kind: 'card', jws: digitsToJws(card[1]!) };
  if (/(^|#)shlink:\/[A-Za-z0-9_-]+$/.test(trimmed)) return { kind: 'link', text: trimmed };
  throw new UnreadableCode('This is not a Red Bag code. It is not a SMART Health Card or a SMART Health Link.');
}

/** Each pair of digits is one character: its code minus 45 (the specification's numeric encoding). */
function digitsToJws(digits: string): string {
  if (digits.length % 2 !== 0) throw new UnreadableCode('The code is damaged (an odd number of digits). Try scanning again.');
  let jws = '';
  for (let i = 0; i < digits.length; i += 2) {
    const value = Number(digits.slice(i, i + 2));
    if (value > 77) throw new UnreadableCode('The code is damaged (a digit pair out of range). Try scanning again.');
    jws += String.fromCharCode(value + 45);
  }
  return jws;
}
