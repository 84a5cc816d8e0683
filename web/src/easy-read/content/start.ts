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

/** Making a new Red Bag: one thing a page (the password is never kept as a draft). */
export const register = {
  title: 'Make a new Red Bag',
  about: [
    { text: 'We will ask you four things.', symbol: 'list' },
    { text: 'Then your Red Bag is ready to fill in.', symbol: 'bag' },
  ],
  begin: 'Start',
  name: { ask: { text: 'What is your name?', symbol: 'person' }, short: 'Name' },
  given: 'First name',
  family: 'Last name',
  birthday: { ask: { text: 'When is your birthday?', symbol: 'calendar' }, hint: 'For example: 2 3 1945.', short: 'Birthday' },
  day: 'Day',
  month: 'Month',
  year: 'Year',
  email: { ask: { text: 'What is your email?', symbol: 'email' }, hint: 'You will use it to sign in.', short: 'Email' },
  password: { ask: { text: 'Make up a password.', symbol: 'key' }, hint: 'Use 10 letters or more. Three words you can remember work well.', short: 'Password' },
  make: 'Make my Red Bag',
  problems: {
    name: 'Please write your first and last name.',
    birthday: 'Please write the day, month and year you were born.',
    email: 'Please write your email. It needs an @ in it.',
    password: 'Please use 10 letters or more.',
    failed: 'We could not make your Red Bag. Check what you wrote, or ask someone to help you.',
  },
} satisfies Record<string, string | Idea | Idea[] | Question | Record<string, string>>;
