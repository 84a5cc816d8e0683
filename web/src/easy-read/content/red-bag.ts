import type { Idea } from './types.ts';

export const redBag = {
  title: 'Print or show your Red Bag',
  about: [
    { text: 'Your Red Bag is a page about your health.', symbol: 'bag' },
    { text: 'Print it. Put it on your fridge.', symbol: 'print' },
    { text: 'If you call an ambulance, the crew will look for it there.', symbol: 'ambulance' },
    { text: 'The page has a code. The crew can scan it with a phone.', symbol: 'code' },
  ],
  printPage: { text: 'Print a page for your fridge', symbol: 'print' },
  printCard: { text: 'Print a small card for your bag', symbol: 'print' },
  newTab: '(this opens a new page)',
  showCode: { text: 'Show the code on this screen', symbol: 'code' },
  codeAlt: 'Your Red Bag code. The crew can scan it.',
  codeTitle: 'Your Red Bag code',
  codeNote: { text: 'Hold up your phone. The crew can scan this code.', symbol: 'phone' },
  closeCode: 'Close the code',
  crewSees: { text: 'The crew will see your allergies, your medicines and who to call.', symbol: 'eye' },
  keepUp: { text: 'If something changes, print it again. Throw the old one away.', symbol: 'remove' },
} satisfies Record<string, string | Idea | Idea[]>;
