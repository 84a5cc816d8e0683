import { z } from 'zod';
import { isValidNhsNumber } from '../profiles/nhs-number.ts';
import { birthDateProblem } from './auth-input.ts';
import { newPasswordSchema } from './password-rules.ts';

/** What the account pages send, checked with zod; each message is for the person, named by its field. */
const asObject = { error: 'Send the details as a JSON object.' };

const emailField = (missing: string) =>
  z.string({ error: missing }).trim().toLowerCase().pipe(z.email('Enter an email address like name@example.com.').max(254, 'Use an email address of 254 characters or fewer.'));

/** A long random code from an emailed link or a sign-in; never a person's words. */
const code = (missing: string) => z.string({ error: missing }).trim().min(1, missing).max(200, missing);

export const resetRequestSchema = z.object({ email: emailField('Enter your email address.') }, asObject);

export const resetSchema = z.object({ token: code('This link is not complete. Copy the whole link from the email.'), newPassword: newPasswordSchema }, asObject);

export const emailChangeSchema = z.object({
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(200, 'Use 200 characters or fewer.'),
  newEmail: emailField('Enter your new email address.'),
}, asObject);

export const linkSchema = z.object({ token: code('This link is not complete. Copy the whole link from the email.') }, asObject);

export const secondStepSchema = z.object({
  ticket: code('Your sign-in has timed out. Sign in again with your email address and password.'),
  code: z.string({ error: 'Enter the code.' }).trim().min(1, 'Enter the code.').max(40, 'Enter the 6-digit code, or a recovery code.'),
}, asObject);

export const ticketSchema = z.object({ ticket: code('Your sign-in has timed out. Sign in again with your email address and password.') }, asObject);

export const codeSchema = z.object({ code: z.string({ error: 'Enter the code.' }).trim().min(1, 'Enter the code.').max(40, 'Enter the 6-digit code, or a recovery code.') }, asObject);

export const removeSecondFactorSchema = z.object({
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(200, 'Use 200 characters or fewer.'),
  code: z.string({ error: 'Enter the code.' }).trim().min(1, 'Enter the code.').max(40, 'Enter the 6-digit code, or a recovery code.'),
}, asObject);

export const closeSchema = z.object({
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(200, 'Use 200 characters or fewer.'),
  code: z.string().trim().max(40, 'Enter the 6-digit code, or a recovery code.').optional(),
  confirm: z.literal(true, { error: 'Tick the box to say you understand your record will be deleted.' }),
}, asObject);

const namePart = (missing: string) => z.string({ error: missing }).trim().min(1, missing).max(100, 'Use 100 characters or fewer.');

/** Her name, date of birth and NHS number; `version` is the Patient version the page showed (If-Match). */
export function detailsSchema(clock: () => Date) {
  return z.object({
    given: namePart('Enter your first name.'),
    family: namePart('Enter your last name.'),
    birthDate: z.string({ error: 'Enter your date of birth.' }).superRefine((value, ctx) => {
      const problem = birthDateProblem(value, clock());
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    // Spaces as people write it ("485 777 3456") are fine; empty means "I have none / remove it".
    nhsNumber: z.string().max(20, 'Enter your 10-digit NHS number, like 485 777 3456.').transform((v) => v.replace(/\s/g, '')).refine(
      (v) => v === '' || (/^\d{10}$/.test(v) && isValidNhsNumber(v)),
      'Enter your 10-digit NHS number, like 485 777 3456. You can find it on a letter from your GP or in the NHS App.',
    ).default(''),
    version: z.string().regex(/^\d{1,12}$/).optional(),
  }, asObject);
}
export type Details = z.output<ReturnType<typeof detailsSchema>>;
