import type { Idea } from './types.ts';

interface Tile extends Idea {
  href: string;
}

/** The easy-read home page: what to do next, then a few big buttons (not a list of 15 links). */
export const home = {
  hello: 'Hello {name}',
  whose: "{name}'s Red Bag",
  about: [
    { text: 'Red Bag keeps the main facts about your health in one place.', symbol: 'bag' },
    { text: 'It helps people look after you if you get ill.', symbol: 'ambulance' },
  ],
  whoseTitle: 'Whose Red Bag do you want to look at?',
  mine: 'My own',
  looking: { text: 'You are looking at the Red Bag of {name}.', symbol: 'carer' },
  checking: 'We are looking at your Red Bag. Please wait.',
  todoTitle: 'Things to do next',
  todo: {
    allergies: { text: 'Tell us if you have allergies.', symbol: 'allergy', href: '/allergies' },
    contacts: { text: 'Tell us who to call.', symbol: 'phone', href: '/contacts' },
    wishes: { text: 'Tell us what you want if you get very ill.', symbol: 'heart', href: '/emergency-wishes' },
    proposals: { text: 'Someone wants to change your plan. Please look.', symbol: 'write', href: '/support-plan' },
  },
  allDone: { text: 'Well done. Your Red Bag has the main things in it.', symbol: 'yes' },
  menuTitle: 'What do you want to do?',
  menu: [
    { text: 'Allergies', symbol: 'allergy', href: '/allergies' },
    { text: 'Medicines', symbol: 'medicine', href: '/medicines' },
    { text: 'Who to call', symbol: 'phone', href: '/contacts' },
    { text: 'If you get very ill', symbol: 'heart', href: '/emergency-wishes' },
    { text: 'Print or show your Red Bag', symbol: 'bag', href: '/my-red-bag' },
  ],
  moreAboutYou: { text: 'More about you', symbol: 'person' },
  whoCanSee: { text: 'Who can see your Red Bag', symbol: 'eye' },
  aboutYou: [
    { text: 'Health problems', symbol: 'doctor', href: '/conditions' },
    { text: 'What matters to you', symbol: 'star', href: '/what-matters' },
    { text: 'What is usual for you', symbol: 'smile', href: '/what-is-usual' },
    { text: 'Who helps you, and when', symbol: 'help', href: '/support-plan' },
    { text: 'Your doctor and the people who help you', symbol: 'team', href: '/care-team' },
    { text: 'Times to see a doctor or nurse', symbol: 'calendar', href: '/appointments' },
  ],
  seeing: [
    { text: 'Share your Red Bag', symbol: 'eye', href: '/sharing' },
    { text: 'Carers who help you', symbol: 'carer', href: '/carers' },
    { text: 'Who has looked at your Red Bag', symbol: 'list', href: '/access-log' },
    { text: 'Keep a copy of your Red Bag', symbol: 'download', href: '/import-and-download' },
  ],
} satisfies Record<string, string | Idea | Idea[] | Tile[] | Record<string, Tile>>;
