import { z } from 'zod';

/**
 * What a new password must be, following NCSC and NIST SP 800-63B: long enough, not one of the
 * passwords people pick first, and no composition rules (they push people to "Password1!").
 * The list holds the most common passwords of 10 characters or more from published breach
 * lists; shorter ones are already refused by the length rule.
 */
const commonPasswords = new Set([
  '0000000000', '0123456789', '0987654321', '1111111111', '1122334455', '1234512345', '1234567890',
  '12345678910', '1234567891', '123456789a', '123123123123', '123qweasdzxc', '1q2w3e4r5t', '1q2w3e4r5t6y',
  '1qaz2wsx3edc', 'a123456789', 'abc1234567', 'abcd123456', 'abcdefghij', 'administrator', 'asdfghjkl1',
  'changeme123', 'chelsea123', 'football123', 'iloveyou12', 'iloveyou123', 'letmein123', 'liverpool1',
  'monkey1234', 'p@ssw0rd123', 'passw0rd12', 'password!1', 'password01', 'password12', 'password123',
  'password1234', 'princess123', 'qazwsxedcrfv', 'qwerty1234', 'qwerty12345', 'qwerty123456', 'qwertyuiop',
  'qwertyuiop1', 'sunshine123', 'welcome123', 'welcome1234', 'zaq12wsxcde3', 'zxcvbnm123',
]);

export const minimumPasswordLength = 10;

/** True for a password that is on the list or is one character over and over ("aaaaaaaaaa"). */
export function isTooCommon(password: string): boolean {
  const lower = password.toLowerCase();
  return commonPasswords.has(lower) || /^(.)\1*$/su.test(lower);
}

/** The rules for a password someone is choosing (sign-up, change); the messages are shown to her. */
export const newPasswordSchema = z
  .string({ error: 'Enter a password.' })
  // abort: one problem at a time, so a short "aaaa" is told to be longer, not also that it is common.
  .min(minimumPasswordLength, { message: `Use at least ${minimumPasswordLength} characters: three random words work well.`, abort: true })
  .max(200, { message: 'Use 200 characters or fewer.', abort: true })
  .refine((p) => !isTooCommon(p), 'This password is one of the most common ones, so it is easy to guess. Choose something else: three random words work well.');
