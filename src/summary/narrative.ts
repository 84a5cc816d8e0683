/** Escapes text for the XHTML narrative (text.div) of a FHIR resource. */
export function escapeXhtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A narrative a person can read: a short lead sentence, then one line per item. */
export function narrative(lead: string, items: string[]): { status: 'generated'; div: string } {
  const list = items.length ? `<ul>${items.map((i) => `<li>${escapeXhtml(i)}</li>`).join('')}</ul>` : '';
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeXhtml(lead)}</p>${list}</div>` };
}
