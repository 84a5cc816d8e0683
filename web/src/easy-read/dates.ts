/** "14 June 2027": the UK way, in words, never 2027-06-14. */
export const longDate = (iso: string | undefined): string =>
  iso ? new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) : '';
