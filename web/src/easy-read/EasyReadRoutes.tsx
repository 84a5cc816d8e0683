import type { ComponentType } from 'react';
import { recordSections } from '../record-sections.ts';
import { sections } from './content/sections.ts';
import { EasyAccessLog } from './pages/EasyAccessLog.tsx';
import { EasyAllergies } from './pages/EasyAllergies.tsx';
import { EasyCarers } from './pages/EasyCarers.tsx';
import { EasyEmergencyWishes } from './pages/EasyEmergencyWishes.tsx';
import { EasyHome } from './pages/EasyHome.tsx';
import { EasyRedBag } from './pages/EasyRedBag.tsx';
import { EasyRegister } from './pages/EasyRegister.tsx';
import { EasySection } from './pages/EasySection.tsx';
import { EasySharing } from './pages/EasySharing.tsx';
import { EasyDownload, EasySignIn, EasyStart } from './pages/EasyStart.tsx';
import './easy-read.css';

/** The easy-read pages, by path: every page a person uses. Loaded only once easy read is switched on. */
const easyPages: Record<string, ComponentType> = {
  '/': EasyStart,
  '/sign-in': EasySignIn,
  '/register': EasyRegister,
  '/home': EasyHome,
  '/allergies': EasyAllergies,
  '/emergency-wishes': EasyEmergencyWishes,
  '/my-red-bag': EasyRedBag,
  '/sharing': EasySharing,
  '/carers': EasyCarers,
  '/carers/accept': EasyCarers,
  '/access-log': EasyAccessLog,
  '/import-and-download': EasyDownload,
  ...Object.fromEntries(
    recordSections.filter((s) => sections[s.path]).map((s) => [s.path, () => <EasySection key={s.path} section={s} say={sections[s.path]!} />]),
  ),
};

/** The easy-read page for this path, or the normal page where there is none (a professional's pages, the scanner). */
export function EasyReadRoutes({ path, fallback: Fallback }: { path: string; fallback: ComponentType }) {
  const Page = easyPages[path] ?? Fallback;
  return <Page />;
}
