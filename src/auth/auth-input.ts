import { z } from 'zod';
import { newPasswordSchema } from './password-rules.ts';

/**
 * What people send to /auth, checked with zod. Every message is written for the person filling in
 * the form, and each problem is named by its field (OperationOutcome.issue.expression), so the
 * portal can put it next to the right box.
 */

const asObject = { error: 'Send the details as a JSON object.' };

const email = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter an email address like name@example.com.').max(254, 'Use an email address of 254 characters or fewer.'));

const namePart = (missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(100, 'Use 100 characters or fewer.');

/** The latest date that is already today somewhere on Earth (UTC+14, Kiribati, gets there first): a baby born this morning anywhere can be registered. */
const latestToday = (now: Date): string => new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);

/** What is wrong with a date of birth, in words for the person, or undefined; one problem at a time. */
export function birthDateProblem(value: string, now: Date): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'Enter your date of birth as year-month-day, for example 1945-03-02.';
  if (Number.isNaN(Date.parse(value)) || !new Date(value).toISOString().startsWith(value)) return 'Enter a real date of birth.';
  if (value < '1900-01-01') return 'Enter a date of birth after 1900.';
  if (value > latestToday(now)) return 'The date of birth cannot be in the future.';
  return undefined;
}

const birthDate = (clock: () => Date) =>
  z.string({ error: 'Enter your date of birth.' }).superRefine((value, ctx) => {
    const problem = birthDateProblem(value, clock());
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Sign-up; the clock decides what "the future" is. */
export function registrationSchema(clock: () => Date) {
  return z
    .object({
      email,
      password: newPasswordSchema,
      name: z.object(
        { given: namePart('Enter your first name.'), family: namePart('Enter your last name.') },
        { error: 'Enter your first and last name.' },
      ),
      birthDate: birthDate(clock),
    }, asObject)
    .refine((r) => r.password.toLowerCase() !== r.email, { message: 'Choose a password that is not your email address.', path: ['password'] });
}

export type Registration = z.output<ReturnType<typeof registrationSchema>>;

/** Sign-in: no rules on the password beyond its size, so every wrong one gets the same answer. */
export const credentialsSchema = z.object({
  email: z.string({ error: 'Enter your email address.' }).trim().toLowerCase().max(254, 'Use an email address of 254 characters or fewer.'),
  password: z.string({ error: 'Enter your password.' }).max(200, 'Use 200 characters or fewer.'),
}, asObject);

export const passwordChangeSchema = z.object({
  currentPassword: z.string({ error: 'Enter your current password.' }).max(200, 'Use 200 characters or fewer.'),
  newPassword: newPasswordSchema,
}, asObject);
