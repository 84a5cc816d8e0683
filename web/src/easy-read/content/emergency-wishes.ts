import type { Choice, Idea, Question } from './types.ts';

/** Same codes as the normal page: the record keeps the clinical words, the person reads these. */
export const restartYes = '304252001';
export const restartNo = '304253006';
const answers: Choice[] = [
  { value: restartYes, text: 'Yes, try to restart my heart', symbol: 'yes' },
  { value: restartNo, text: 'No, do not try', symbol: 'no' },
  { value: 'not-decided', text: 'I have not made up my mind yet', symbol: 'question' },
];

export const emergencyWishes = {
  title: 'If you get very ill',
  about: [
    { text: 'Sometimes a person is so ill that their heart stops.', symbol: 'heart' },
    { text: 'Doctors can try to start it again. This is called CPR.', symbol: 'heart', explains: 'CPR' },
    { text: 'It does not always work.', symbol: 'question' },
    { text: 'Talk to your doctor and your family about it first.', symbol: 'doctor' },
    { text: 'You may have a form from your doctor called ReSPECT. It says what you want. Keep it with your Red Bag.', symbol: 'write', explains: 'ReSPECT' },
  ],
  none: { text: 'You have not told us what you want yet.', symbol: 'question' },
  youSaid: { text: 'You said: {answer}', symbol: 'heart' },
  alsoSaid: { text: 'You also said: {wishes}', symbol: 'write' },
  start: 'Tell us what you want',
  change: 'Change what you want',
  questions: {
    restart: { ask: { text: 'If your heart stops, should they try to restart it?', symbol: 'heart' }, short: 'Restart my heart', choices: answers },
    wishes: {
      ask: { text: 'Is there anything else the crew should know?', symbol: 'ambulance' },
      hint: 'For example: I want to stay at home if I can.',
      short: 'Anything else',
      optional: true,
    },
  },
  notDecided: { text: 'That is OK. You can talk to your doctor about it. We have not saved anything.', symbol: 'doctor' },
  saved: { text: 'We saved what you want.', symbol: 'yes' },
} satisfies Record<string, string | Idea | Idea[] | Record<string, Question>>;
