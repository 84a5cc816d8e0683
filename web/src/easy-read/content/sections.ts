import type { Idea, Question } from './types.ts';

/** Words for one part of the record; the questions are keyed by the normal form's field ids, asked in this order. */
export interface SectionWords {
  title: string;
  about: Idea[];
  empty: Idea;
  listTitle: string;
  add: string;
  questions: Record<string, Question>;
  saved: Idea;
}

const saved: Idea = { text: 'We saved it.', symbol: 'yes' };

export const sections: Record<string, SectionWords> = {
  '/medicines': {
    title: 'Medicines',
    about: [
      { text: 'Tell us the medicines you take.', symbol: 'medicine' },
      { text: 'Then the crew will know what you take.', symbol: 'ambulance' },
    ],
    empty: { text: 'You have not told us about any medicines yet.', symbol: 'question' },
    listTitle: 'Your medicines',
    add: 'Add a medicine',
    questions: {
      name: { ask: { text: 'What is the medicine called?', symbol: 'medicine' }, hint: 'Look at the box. For example: Paracetamol.', short: 'Medicine' },
      dose: { ask: { text: 'How do you take it?', symbol: 'clock' }, hint: 'For example: two pills in the morning.', short: 'How you take it', optional: true },
    },
    saved,
  },
  '/conditions': {
    title: 'Health problems',
    about: [{ text: 'Tell us about any health problems you have.', symbol: 'doctor' }],
    empty: { text: 'You have not told us about any health problems yet.', symbol: 'question' },
    listTitle: 'Your health problems',
    add: 'Add a health problem',
    questions: {
      text: { ask: { text: 'What is the health problem called?', symbol: 'doctor' }, hint: 'For example: asthma.', short: 'Health problem' },
    },
    saved,
  },
  '/contacts': {
    title: 'Who to call',
    about: [
      { text: 'Who should we call if you get ill?', symbol: 'phone' },
      { text: 'It can be family, a friend or a carer.', symbol: 'carer' },
    ],
    empty: { text: 'You have not told us who to call yet.', symbol: 'question' },
    listTitle: 'People to call',
    add: 'Add someone to call',
    questions: {
      name: { ask: { text: 'What is their name?', symbol: 'person' }, short: 'Name' },
      relationship: {
        ask: { text: 'Who are they to you?', symbol: 'carer' },
        short: 'Who they are',
        choices: [
          { value: 'MTH', text: 'My mum', symbol: 'person' },
          { value: 'FTH', text: 'My dad', symbol: 'person' },
          { value: 'DAU', text: 'My daughter', symbol: 'person' },
          { value: 'SON', text: 'My son', symbol: 'person' },
          { value: 'WIFE', text: 'My wife', symbol: 'heart' },
          { value: 'HUSB', text: 'My husband', symbol: 'heart' },
          { value: 'DOMPART', text: 'My partner', symbol: 'heart' },
          { value: 'SIB', text: 'My brother or sister', symbol: 'person' },
          { value: 'GRNDCHILD', text: 'My grandchild', symbol: 'person' },
          { value: 'FRND', text: 'A friend', symbol: 'smile' },
          { value: 'NBOR', text: 'A neighbour', symbol: 'home' },
          { value: 'carer', text: 'Someone who cares for me', symbol: 'help' },
          { value: 'key-holder', text: 'Someone with a key to my home', symbol: 'key' },
        ],
      },
      phone: { ask: { text: 'What is their phone number?', symbol: 'phone' }, short: 'Phone', input: 'tel' },
    },
    saved,
  },
  '/care-team': {
    title: 'Your doctor and the people who help you',
    about: [{ text: 'Tell us about your doctor. Tell us who else helps you in their job.', symbol: 'team' }],
    empty: { text: 'You have not told us about them yet.', symbol: 'question' },
    listTitle: 'People who help you',
    add: 'Add someone who helps you',
    questions: {
      who: { ask: { text: 'What is their name?', symbol: 'person' }, hint: 'It can be a person or a place. For example: Riverside Surgery.', short: 'Name' },
      role: {
        ask: { text: 'What do they do for you?', symbol: 'team' },
        short: 'What they do',
        choices: [
          { value: '62247001', text: 'My doctor, my GP', symbol: 'doctor' },
          { value: '106328005', text: 'My social worker', symbol: 'person' },
          { value: 'local-area-coordinator', text: 'They help me find things near home', symbol: 'home' },
          { value: 'home-care-provider', text: 'Carers who come to my home', symbol: 'help' },
          { value: 'shared-lives-carer', text: 'My Shared Lives carer', symbol: 'carer' },
          { value: 'circle-of-support', text: 'My circle of support', symbol: 'team' },
          { value: 'health-wellbeing-coordinator', text: 'They help me stay well', symbol: 'heart' },
        ],
      },
    },
    saved,
  },
  '/what-matters': {
    title: 'What matters to you',
    about: [{ text: 'Tell us what is important to you.', symbol: 'star' }],
    empty: { text: 'You have not told us yet.', symbol: 'question' },
    listTitle: 'What matters to you',
    add: 'Add something that matters',
    questions: {
      text: { ask: { text: 'What matters to you?', symbol: 'star' }, hint: 'For example: I want to see my grandchildren.', short: 'What matters' },
    },
    saved,
  },
  '/support-plan': {
    title: 'Who helps you, and when',
    about: [{ text: 'Tell us who helps you, and what they do.', symbol: 'help' }],
    empty: { text: 'You have not told us yet.', symbol: 'question' },
    listTitle: 'Who helps you',
    add: 'Add someone who helps',
    questions: {
      what: { ask: { text: 'Who helps you, and what do they do?', symbol: 'help' }, hint: 'For example: Sam helps me get dressed.', short: 'Who helps' },
      when: { ask: { text: 'When do they help?', symbol: 'clock' }, hint: 'For example: every morning.', short: 'When', optional: true },
    },
    saved,
  },
  '/what-is-usual': {
    title: 'What is usual for you',
    about: [
      { text: 'Tell us what you are like on a good day.', symbol: 'smile' },
      { text: 'Then the crew can see if something has changed.', symbol: 'ambulance' },
    ],
    empty: { text: 'You have not told us yet.', symbol: 'question' },
    listTitle: 'What is usual for you',
    add: 'Add what is usual',
    questions: {
      aspect: {
        ask: { text: 'What is it about?', symbol: 'question' },
        short: 'About',
        choices: [
          { value: 'usual-mobility', text: 'How I move about', symbol: 'person' },
          { value: 'usual-cognition', text: 'How I think and remember', symbol: 'smile' },
          { value: 'usual-communication', text: 'How I talk and understand', symbol: 'speaker' },
        ],
      },
      usual: { ask: { text: 'What is usual for you?', symbol: 'smile' }, hint: 'For example: I walk with a frame.', short: 'What is usual' },
    },
    saved,
  },
  '/appointments': {
    title: 'Times to see a doctor or nurse',
    about: [{ text: 'Tell us when you have to see a doctor or a nurse.', symbol: 'calendar' }],
    empty: { text: 'You have not told us about any yet.', symbol: 'question' },
    listTitle: 'Your times to see a doctor or nurse',
    add: 'Add a time',
    questions: {
      what: { ask: { text: 'What is it for, and where?', symbol: 'hospital' }, hint: 'For example: eye check at Northgate Hospital.', short: 'What and where' },
      start: { ask: { text: 'When is it?', symbol: 'calendar' }, hint: 'Put in the day and the time.', short: 'When', input: 'datetime-local' },
    },
    saved,
  },
};
