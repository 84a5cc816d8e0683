import type { Idea, Question } from './types.ts';

/** The first page and signing in, for someone who is not signed in. */
export const start = {
  title: 'Red Bag',
  about: [
    { text: 'Red Bag keeps the main facts about your health in one place.', symbol: 'bag' },
    { text: 'If you call an ambulance, the crew can read it.', symbol: 'ambulance' },
  ],
  signIn: { text: 'Sign in', symbol: 'key' },
  register: { text: 'Make a new Red Bag', symbol: 'add' },
  scan: { text: 'Scan a Red Bag code. This is for the crew.', symbol: 'code' },
} satisfies Record<string, string | Idea | Idea[] | Question>;

export const signIn = {
  title: 'Sign in',
  email: { ask: { text: 'Your email', symbol: 'email' }, short: 'Email', input: 'email' },
  password: { ask: { text: 'Your password', symbol: 'key' }, short: 'Password' },
  button: 'Sign in',
  busy: 'Please wait.',
  failed: 'We could not sign you in. Check your email and password.',
  newHere: { text: 'New to Red Bag?', symbol: 'question' },
  register: 'Make a new Red Bag',
} satisfies Record<string, string | Idea | Question>;

export const download = {
  title: 'Keep a copy of your Red Bag',
  about: [{ text: 'You can keep a copy of your Red Bag.', symbol: 'download' }],
  pdf: { text: 'Get a page you can read or print', symbol: 'print' },
  everything: { text: 'Get all of it for a different system', symbol: 'download' },
  help: { text: 'Do you want to add facts from a different system? Ask someone to help you.', symbol: 'help' },
} satisfies Record<string, string | Idea | Idea[]>;
