/**
 * What the start-up says about demo mode, on stdout where the person who started it reads it.
 * The demo people's passwords are published (in the README and this repository), a clinician who
 * can break the glass among them, so demo mode must never pass unnoticed.
 */
export function startBanner(publicUrl: string, demoMode: boolean): string {
  if (!demoMode) return `Red Bag is running at ${publicUrl}\n`;
  return [
    '',
    '*****************************************************************************************',
    '  DEMO MODE: published passwords. The demo people can sign in with passwords anyone can',
    '  read, a clinician who can break the glass among them. Never keep real records here.',
    '  Demo mode is on only for a local start (PUBLIC_URL on localhost, NODE_ENV not',
    '  production); DEMO_DATA=off starts without the demo people.',
    '*****************************************************************************************',
    `Red Bag is running at ${publicUrl} (demo mode)`,
    '',
  ].join('\n');
}
