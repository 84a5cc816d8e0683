/**
 * The five steps a new person is shown first on the home page (issue 14, item 7): what a crew needs most,
 * in the order that matters most. Pure: what is recorded in, the steps and the progress out.
 */
export interface Recorded {
  allergies: number;
  medicines: number;
  /** Contacts that can be called (who-to-call.ts): a name alone does not count. */
  callable: number;
  emergencyPlan: boolean;
  /** The Red Bag has been printed (a card made, current or not). */
  printed: boolean;
}

export interface Step {
  number: number;
  title: string;
  hint: string;
  href: string;
  done: boolean;
}

export function startHere(r: Recorded): { steps: Step[]; done: number } {
  const steps: Step[] = [
    { number: 1, title: 'Record your allergies', hint: 'Or say that you have none. This matters most in an emergency.', href: '/allergies', done: r.allergies > 0 },
    { number: 2, title: 'List your medicines', hint: 'As it says on the box, and how you take them.', href: '/medicines', done: r.medicines > 0 },
    { number: 3, title: 'Add who to call', hint: 'Someone with a phone number or an email address.', href: '/contacts', done: r.callable > 0 },
    { number: 4, title: 'Record your emergency wishes', hint: 'For example, whether you want them to try to restart your heart.', href: '/emergency-wishes', done: r.emergencyPlan },
    { number: 5, title: 'Print your Red Bag', hint: 'Keep it by the door or in your bag, for the crew to scan.', href: '/my-red-bag', done: r.printed },
  ];
  return { steps, done: steps.filter((s) => s.done).length };
}
