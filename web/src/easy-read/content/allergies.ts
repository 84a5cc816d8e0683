import type { Choice, Idea, Question } from './types.ts';

/** Easy names for the allergens on the normal page's list (the codes are the same). */
const things: Choice[] = [
  { value: '387494007', text: 'Codeine, a painkiller', symbol: 'medicine' },
  { value: '373529000', text: 'Morphine, a strong painkiller', symbol: 'medicine' },
  { value: '386858008', text: 'Tramadol, a painkiller', symbol: 'medicine' },
  { value: '387458008', text: 'Aspirin', symbol: 'medicine' },
  { value: '387207008', text: 'Ibuprofen', symbol: 'medicine' },
  { value: '16403005', text: 'Painkillers like ibuprofen', symbol: 'medicine' },
  { value: '764146007', text: 'Penicillin', symbol: 'medicine' },
  { value: '372687004', text: 'Amoxicillin', symbol: 'medicine' },
  { value: '111088007', text: 'Latex, like in some gloves', symbol: 'allergy' },
  { value: '762952008', text: 'Peanuts', symbol: 'allergy' },
  { value: '102263004', text: 'Eggs', symbol: 'allergy' },
  { value: 'other', text: 'Something else', symbol: 'write' },
];

export const allergies = {
  title: 'Allergies',
  about: [
    { text: 'An allergy is when something makes your body react badly.', symbol: 'allergy', explains: 'allergy' },
    { text: 'It could be a medicine or a food.', symbol: 'medicine' },
    { text: 'The ambulance crew must know about it.', symbol: 'ambulance' },
  ],
  none: { text: 'You have not told us about any allergies yet.', symbol: 'question' },
  noneWhy: { text: 'If you have none, say so. Then the crew knows that someone asked.', symbol: 'yes' },
  noneKnown: { text: 'You said you have no allergies.', symbol: 'yes' },
  noneKnownTakeBack: { text: 'To add an allergy, take this back first.', symbol: 'write' },
  listTitle: 'Your allergies',
  level: {
    high: 'It is very bad for you.',
    low: 'It is not so bad for you.',
    'unable-to-assess': 'You are not sure how bad it is.',
  },
  add: 'Add an allergy',
  sayNone: 'I have no allergies',
  takeBackNone: 'Take back: I have no allergies',
  saidNone: { text: 'We saved it. You have no allergies.', symbol: 'yes' },
  questions: {
    what: {
      ask: { text: 'What are you allergic to?', symbol: 'allergy' },
      hint: 'Pick one.',
      short: 'Allergic to',
      choices: things,
    },
    other: {
      ask: { text: 'Type what you are allergic to.', symbol: 'write' },
      hint: 'For example: cats, or a kind of pill.',
      short: 'Allergic to',
    },
    reaction: {
      ask: { text: 'What happens to you?', symbol: 'question' },
      hint: 'For example: a rash, or you can not breathe.',
      short: 'What happens',
      optional: true,
    },
    level: {
      ask: { text: 'How bad is it?', symbol: 'allergy' },
      short: 'How bad',
      choices: [
        { value: 'high', text: 'Very bad. It is a danger to my life.', symbol: 'allergy' },
        { value: 'low', text: 'Not so bad. It makes me feel unwell.', symbol: 'smile' },
        { value: 'unable-to-assess', text: 'I am not sure.', symbol: 'question' },
      ],
    },
  },
  saved: { text: 'We saved your allergy to {what}.', symbol: 'yes' },
  addAnother: 'Add another allergy',
} satisfies Record<string, string | Idea | Idea[] | Record<string, string> | Record<string, Question>>;
