import type { Choice, Idea, Question } from './types.ts';

/** Easy words for each thing that can be shared (the ids are the normal page's). */
export const shareWhat: Choice[] = [
  { value: 'allergies-and-medicines', text: 'Your allergies and medicines', symbol: 'medicine' },
  { value: 'conditions', text: 'Your health problems', symbol: 'doctor' },
  { value: 'contacts', text: 'Who to call, and the people who help you', symbol: 'phone' },
  { value: 'support-plan', text: 'Your plan, and what matters to you', symbol: 'star' },
  { value: 'appointments', text: 'Your times to see a doctor or nurse', symbol: 'calendar' },
  { value: 'notes-and-concerns', text: 'Notes and letters about you', symbol: 'write' },
];

export const sharing = {
  title: 'Share your Red Bag',
  about: [
    { text: 'You can let a hospital or a team see your Red Bag.', symbol: 'hospital' },
    { text: 'You choose what they see, and for how long.', symbol: 'eye' },
    { text: 'You can stop it at any time.', symbol: 'no' },
  ],
  nowTitle: 'Who can see it now',
  nobody: { text: 'You do not share it with anyone.', symbol: 'eye' },
  oneShare: { text: '{who} can see it until {until}.', symbol: 'eye' },
  stop: 'Stop sharing with {who}',
  stopAsk: { text: 'Do you want to stop sharing with {who}?', symbol: 'no' },
  stopYes: 'Yes, stop sharing',
  stopNo: 'No, keep sharing',
  stopped: { text: '{who} can not see your Red Bag now.', symbol: 'yes' },
  onlyThem: { text: 'Only {name} can choose who sees it. You can see who it is shared with.', symbol: 'carer' },
  share: 'Share your Red Bag',
  questions: {
    who: { ask: { text: 'Who do you want to share with?', symbol: 'hospital' }, hint: 'Pick them from the list.', short: 'Who' },
    what: { ask: { text: 'What can they see?', symbol: 'eye' }, hint: 'Pick one or more. They always see your name and your birthday.', short: 'What they see', many: true, choices: shareWhat },
    days: {
      ask: { text: 'For how long?', symbol: 'time' },
      short: 'How long',
      choices: [
        { value: '7', text: 'One week', symbol: 'calendar' },
        { value: '14', text: 'Two weeks', symbol: 'calendar' },
        { value: '30', text: 'One month', symbol: 'calendar' },
        { value: '90', text: 'Three months', symbol: 'calendar' },
      ],
    },
  },
  chosen: 'Picked',
  notChosen: 'Not picked',
  confirm: 'Yes, share it',
  done: { text: 'Done. {who} can see it until {until}.', symbol: 'yes' },
} satisfies Record<string, string | Idea | Idea[] | Record<string, Question>>;
