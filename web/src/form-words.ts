import { ApiError } from './api/client.ts';
import { plainProblems, type FormWords } from './plain-problems.ts';

const cpr = { field: 'cpr', text: 'Choose whether to try CPR if the heart stops, not to try it, or that it is not decided yet.' };
const aspect = { field: 'aspect', text: 'Choose what this is about: moving about, thinking and memory, or communication.' };
const usual = { field: 'usual', text: 'Say what is usual, for example walks with a frame indoors.' };
const when = { field: 'start', text: 'Enter the date and time of the appointment.' };
const helpWith = { field: 'what', text: 'Say who helps with what, for example home carer helps me wash and dress.' };

/**
 * Each form's words for what the server can refuse, by the part of the record the field fills. Kept
 * here, beside each other, so that a form and its messages are checked together (test/web/form-words.test.ts
 * sends every form's bad input to the real service and reads what a person would be told).
 */
export const sectionWords: Record<string, FormWords> = {
  '/conditions': {
    elements: {
      code: { field: 'code', text: 'Choose the condition from the list, or type its name.' },
      'code.text': { field: 'text', text: 'Type the name of the condition, or choose it from the list.' },
    },
  },
  '/medicines': {
    elements: {
      medication: { field: 'name', text: 'Enter the name of the medicine, as it says on the box.' },
      dosage: { field: 'dose', text: 'Say how you take it in words, for example two tablets each morning, or leave it empty.' },
    },
  },
  '/contacts': {
    elements: {
      name: { field: 'name', text: 'Enter their name.' },
      relationship: { field: 'relationship', text: 'Choose who they are to you, for example daughter or neighbour.' },
      telecom: { field: 'phone', text: 'Enter their phone number, for example 07700 900123.' },
    },
    constraints: { 'redbag-rp-1': { field: 'phone', text: 'An emergency contact needs a phone number. Enter their phone number, for example 07700 900123.' } },
  },
  '/care-team': {
    elements: {
      participant: { field: 'who', text: 'Enter the name of the person or service, and choose their role.' },
      'participant.member': { field: 'who', text: 'Enter the name of the person or service, for example Riverside Surgery.' },
      'participant.role': { field: 'role', text: 'Choose their role from the list.' },
    },
  },
  '/what-matters': {
    elements: { description: { field: 'text', text: 'Write what matters to you, in your own words.' } },
  },
  '/support-plan': {
    elements: {
      activity: helpWith,
      'activity.detail.description': helpWith,
      'activity.detail.scheduled': { field: 'when', text: 'Say when in words, for example every morning at 8, or leave it empty.' },
    },
  },
  '/emergency-wishes': {
    elements: {
      activity: cpr,
      description: { field: 'wishes', text: 'Write what should happen in an emergency, in your own words. If nothing is decided yet, say so.' },
    },
    constraints: { 'redbag-ecp-2': cpr },
  },
  '/what-is-usual': {
    elements: { code: aspect, value: usual },
    constraints: { 'redbag-base-1': usual, 'redbag-base-2': aspect },
  },
  '/appointments': {
    elements: {
      description: { field: 'what', text: 'Say what the appointment is and where, for example fracture clinic, Northgate Hospital.' },
      start: when,
      end: when,
    },
    constraints: { 'app-3': when },
  },
};

export const allergyWords: FormWords = {
  elements: {
    code: { field: 'code', text: 'Say what the allergy is to: pick it from the list or type its name.' },
    reaction: { field: 'reaction', text: 'Say what happens, for example a rash or swelling.' },
    criticality: { field: 'criticality', text: 'Say how serious it is, or choose “Not sure”.' },
  },
};

export const importWords: FormWords = {
  otherwise: 'This file is not a summary Red Bag can read. Choose the .json file the other system gave you, or ask them for an International Patient Summary.',
};

/** The same refusal, told in this form's words; with `order` (the form's field ids), listed in the order of the form (NHS.UK). */
export function inFormWords(error: unknown, words: FormWords, order: string[] = []): ApiError {
  if (!(error instanceof ApiError)) return new ApiError(0, 'That did not work. Check your connection and try again.', []);
  if (error.issues.length === 0) return error;
  const place = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  const problems = plainProblems(error.issues, error.status, words).sort((a, b) => place(a.field) - place(b.field));
  return new ApiError(error.status, problems[0]!.text, problems, error.issues);
}
