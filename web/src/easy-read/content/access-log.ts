import type { Idea } from './types.ts';

export const accessLog = {
  title: 'Who has looked at your Red Bag',
  about: [{ text: 'This list shows who has looked at your Red Bag, and when.', symbol: 'list' }],
  nobody: { text: 'No one else has looked at it.', symbol: 'eye' },
  stopped: 'We stopped them.',
  looked: { symbol: 'eye' },
  refused: { symbol: 'no' },
  worried: { text: 'Are you worried about this list? Tell someone you trust.', symbol: 'help' },
} satisfies Record<string, string | Idea | Idea[] | Pick<Idea, 'symbol'>>;
