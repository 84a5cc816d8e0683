/**
 * The words of the emails about an account, in plain English. Pure. A link's code is in the
 * address only: the email never says the person's health details, and an email to an address
 * that has no account is never sent (the page says the same thing either way).
 */
export interface AccountEmail {
  subject: string;
  body: string;
}

const signOff = (serviceName: string): string => `\n\nIf you did not ask for this, you can ignore this email. Nobody can use your account without your password.\n\n${serviceName}`;

export function resetPasswordEmail(options: { serviceName: string; link: string; minutes: number }): AccountEmail {
  return {
    subject: `Reset your ${options.serviceName} password`,
    body: `Someone asked to reset the password of your ${options.serviceName} account.\n\nTo choose a new password, open this link:\n${options.link}\n\nThe link works once, for ${options.minutes} minutes.${signOff(options.serviceName)}`,
  };
}

export function confirmEmailChangeEmail(options: { serviceName: string; link: string; minutes: number }): AccountEmail {
  return {
    subject: `Confirm your new email address for ${options.serviceName}`,
    body: `You asked to use this email address to sign in to ${options.serviceName}.\n\nTo confirm it, open this link:\n${options.link}\n\nThe link works once, for ${options.minutes} minutes. Until you open it, you still sign in with your old email address.${signOff(options.serviceName)}`,
  };
}

export function emailChangeAskedEmail(options: { serviceName: string }): AccountEmail {
  return {
    subject: `Your ${options.serviceName} email address is being changed`,
    body: `Someone signed in to your ${options.serviceName} account and asked to sign in with a different email address from now on. We have sent a link to the new address to confirm it.\n\nIf this was not you, sign in and change your password now, then tell us.\n\n${options.serviceName}`,
  };
}

export function passwordChangedEmail(options: { serviceName: string }): AccountEmail {
  return {
    subject: `Your ${options.serviceName} password has been changed`,
    body: `The password of your ${options.serviceName} account has just been changed, and you have been signed out everywhere else.\n\nIf this was not you, use "Forgot your password?" on the sign-in page now.\n\n${options.serviceName}`,
  };
}

export function accountClosedEmail(options: { serviceName: string }): AccountEmail {
  return {
    subject: `Your ${options.serviceName} account is closed`,
    body: `Your ${options.serviceName} account and your record have been deleted, as you asked. Shares, links and printed Red Bag codes no longer work.\n\nWe keep the list of who looked at your record, because the law asks us to. Nothing else is kept.\n\n${options.serviceName}`,
  };
}
