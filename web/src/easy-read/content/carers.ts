import type { Idea, Question } from './types.ts';

export const carers = {
  title: 'Carers who help you',
  about: [
    { text: 'A carer can help you keep your Red Bag up to date.', symbol: 'carer' },
    { text: 'You choose what they can do.', symbol: 'yes' },
  ],
  listTitle: 'Carers who help you now',
  nobody: { text: 'No one helps you with it yet.', symbol: 'carer' },
  canView: { text: '{name} can look at it.', symbol: 'eye' },
  canManage: { text: '{name} can look at it and change it.', symbol: 'write' },
  stop: 'Stop {name} helping',
  stopAsk: { text: 'Do you want to stop {name} helping with your Red Bag?', symbol: 'no' },
  stopYes: 'Yes, stop it',
  stopNo: 'No, keep it',
  stopped: { text: '{name} can not see your Red Bag now.', symbol: 'yes' },
  invite: 'Ask someone to help you',
  questions: {
    rights: {
      ask: { text: 'What can your carer do?', symbol: 'carer' },
      short: 'What they can do',
      choices: [
        { value: 'view', text: 'Look at my Red Bag', symbol: 'eye' },
        { value: 'manage', text: 'Look at it and change it for me', symbol: 'write' },
      ],
    },
    email: {
      ask: { text: 'What is their email?', symbol: 'email' },
      hint: 'We will send them a message. Or you can skip this and give them a code.',
      short: 'Email',
      optional: true,
      input: 'email',
    },
  },
  send: 'Yes, ask them',
  sentEmail: { text: 'We sent a message to {email}.', symbol: 'email' },
  code: { text: 'Give your carer this code: {code}', symbol: 'key' },
  codeNote: { text: 'The code works one time. It stops after 7 days.', symbol: 'time' },
  caringTitle: 'Do you help someone?',
  caringNow: { text: 'You help {names}.', symbol: 'carer' },
  enterCode: { ask: { text: 'Type the code they gave you.', symbol: 'key' }, short: 'Code' },
  accept: 'Use the code',
  accepted: { text: 'Done. You can now help {name}.', symbol: 'yes' },
  badCode: 'That code did not work. Check it, or ask for a new one.',
} satisfies Record<string, string | Idea | Idea[] | Question | Record<string, Question>>;
