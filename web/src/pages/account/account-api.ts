import { api } from '../../api/client.ts';

/** Her details as /auth/details gives them: `version` is the record's version the page shows (If-Match). */
export interface Details {
  given: string;
  family: string;
  birthDate: string;
  nhsNumber: string;
  version: string;
}

export interface SecondFactorStatus {
  enabled: boolean;
  required: boolean;
  recoveryCodesLeft: number;
}

export const loadDetails = (): Promise<Details> => api<Details>('/auth/details');
export const loadSecondFactor = (): Promise<SecondFactorStatus> => api<SecondFactorStatus>('/auth/second-factor');

/** "14 June 1944", as people read dates in the UK. */
export function ukDate(iso: string): string {
  const date = new Date(`${iso}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "943 476 5870", in the groups the NHS prints it in. */
export const nhsNumberSpaced = (n: string): string => (n.length === 10 ? `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` : n);
