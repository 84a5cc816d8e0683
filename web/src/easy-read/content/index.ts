import { accessLog } from './access-log.ts';
import { allergies } from './allergies.ts';
import { carers } from './carers.ts';
import { common } from './common.ts';
import { emergencyWishes } from './emergency-wishes.ts';
import { home } from './home.ts';
import { redBag } from './red-bag.ts';
import { sections } from './sections.ts';
import { sharing, shareWhat } from './sharing.ts';
import { download, register, signIn, start } from './start.ts';

/** Every easy-read page's words, by page, for the test that measures them. */
export const allContent: Record<string, unknown> = {
  common,
  home,
  allergies,
  emergencyWishes,
  redBag,
  sharing: { ...sharing, shareWhat },
  carers,
  accessLog,
  start,
  signIn,
  register,
  download,
  ...Object.fromEntries(Object.entries(sections).map(([path, words]) => [path, words])),
};
