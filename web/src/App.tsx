import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { StartPage } from './pages/StartPage.tsx';
import { Link } from './components/Link.tsx';
import { ServiceHeader } from './components/ServiceHeader.tsx';
import { recordSections } from './record-sections.ts';
import { SessionProvider, useSession } from './session.tsx';
import { useSiteConfig } from './site-config.ts';
import { EasyReadProvider, EasyReadSwitch, useEasyRead } from './easy-read.tsx';
import { WhoseRecord } from './components/WhoseRecord.tsx';

// Each page's code comes when it is first opened, so the start page is small and quick on an old phone.
const AccessLogPage = lazy(() => import('./pages/AccessLogPage.tsx').then((m) => ({ default: m.AccessLogPage })));
const AllergiesPage = lazy(() => import('./pages/AllergiesPage.tsx').then((m) => ({ default: m.AllergiesPage })));
const CarersPage = lazy(() => import('./pages/CarersPage.tsx').then((m) => ({ default: m.CarersPage })));
const HomePage = lazy(() => import('./pages/HomePage.tsx').then((m) => ({ default: m.HomePage })));
const RedBagPage = lazy(() => import('./pages/RedBagPage.tsx').then((m) => ({ default: m.RedBagPage })));
const RegisterPage = lazy(() => import('./pages/RegisterPage.tsx').then((m) => ({ default: m.RegisterPage })));
const ScanPage = lazy(() => import('./pages/ScanPage.tsx').then((m) => ({ default: m.ScanPage })));
const EmergencyAccessPage = lazy(() => import('./pages/EmergencyAccessPage.tsx').then((m) => ({ default: m.EmergencyAccessPage })));
const SharedWithMePage = lazy(() => import('./pages/SharedWithMePage.tsx').then((m) => ({ default: m.SharedWithMePage })));
const SharingPage = lazy(() => import('./pages/SharingPage.tsx').then((m) => ({ default: m.SharingPage })));
const SignInPage = lazy(() => import('./pages/SignInPage.tsx').then((m) => ({ default: m.SignInPage })));
const ImportExportPage = lazy(() => import('./pages/ImportExportPage.tsx').then((m) => ({ default: m.ImportExportPage })));
// Easy read is a set of pages of its own (web/src/easy-read/), loaded only when it is switched on.
const EasyReadRoutes = lazy(() => import('./easy-read/EasyReadRoutes.tsx').then((m) => ({ default: m.EasyReadRoutes })));
const ChooseRecordPage = lazy(() => import('./pages/ChooseRecordPage.tsx').then((m) => ({ default: m.ChooseRecordPage })));
const account = () => import('./pages/account/account-pages.ts');
const AccountPage = lazy(() => account().then((m) => ({ default: m.AccountPage })));
const DetailsPage = lazy(() => account().then((m) => ({ default: m.DetailsPage })));
const PasswordPage = lazy(() => account().then((m) => ({ default: m.PasswordPage })));
const EmailPage = lazy(() => account().then((m) => ({ default: m.EmailPage })));
const ConfirmEmailPage = lazy(() => account().then((m) => ({ default: m.ConfirmEmailPage })));
const SecondFactorPage = lazy(() => account().then((m) => ({ default: m.SecondFactorPage })));
const CloseAccountPage = lazy(() => account().then((m) => ({ default: m.CloseAccountPage })));
const AccountClosedPage = lazy(() => account().then((m) => ({ default: m.AccountClosedPage })));
const ForgotPasswordPage = lazy(() => account().then((m) => ({ default: m.ForgotPasswordPage })));
const ResetPasswordPage = lazy(() => account().then((m) => ({ default: m.ResetPasswordPage })));
const RecordSectionPage = lazy(() => import('./pages/RecordSectionPage.tsx').then((m) => ({ default: m.RecordSectionPage })));
/** Pages by path; `signedIn` pages send people who are signed out to sign in first. */
const pages: Record<string, { page: ComponentType; title: string; signedIn?: 'person' | 'professional' | 'anyone' }> = {
  '/': { page: StartPage, title: 'Red Bag' },
  '/scan': { page: ScanPage, title: 'Scan a Red Bag code' },
  '/sign-in': { page: SignInPage, title: 'Sign in' },
  '/register': { page: RegisterPage, title: 'Create your Red Bag' },
  '/forgot-password': { page: ForgotPasswordPage, title: 'Reset your password' },
  '/reset-password': { page: ResetPasswordPage, title: 'Choose a new password' },
  '/account': { page: AccountPage, title: 'Your account', signedIn: 'anyone' },
  '/account/details': { page: DetailsPage, title: 'Your name, date of birth and NHS number', signedIn: 'person' },
  '/account/password': { page: PasswordPage, title: 'Change your password', signedIn: 'anyone' },
  '/account/email': { page: EmailPage, title: 'Change your email address', signedIn: 'anyone' },
  '/account/email/confirm': { page: ConfirmEmailPage, title: 'Confirm your new email address' },
  '/account/second-factor': { page: SecondFactorPage, title: 'Authenticator app', signedIn: 'anyone' },
  '/account/close': { page: CloseAccountPage, title: 'Close your account', signedIn: 'person' },
  '/account-closed': { page: AccountClosedPage, title: 'Your account is closed' },
  '/home': { page: HomePage, title: 'Your Red Bag', signedIn: 'person' },
  '/allergies': { page: AllergiesPage, title: 'Allergies', signedIn: 'person' },
  '/my-red-bag': { page: RedBagPage, title: 'Your Red Bag', signedIn: 'person' },
  '/sharing': { page: SharingPage, title: 'Sharing', signedIn: 'person' },
  '/access-log': { page: AccessLogPage, title: 'Who has seen my record', signedIn: 'person' },
  '/carers': { page: CarersPage, title: 'Carers', signedIn: 'person' },
  '/carers/accept': { page: CarersPage, title: 'Accept an invitation', signedIn: 'person' },
  '/whose-record': { page: ChooseRecordPage, title: 'Whose record', signedIn: 'person' },
  '/import-and-download': { page: ImportExportPage, title: 'Import and download', signedIn: 'person' },
  '/shared-with-me': { page: SharedWithMePage, title: 'People sharing with you', signedIn: 'professional' },
  '/emergency-access': { page: EmergencyAccessPage, title: 'Open a record in an emergency', signedIn: 'professional' },
  ...Object.fromEntries(recordSections.map((section) => [section.path, { page: () => <RecordSectionPage section={section} />, title: section.title, signedIn: 'person' as const }])),
};

function Page({ path }: { path: string }) {
  const { me, actingFor } = useSession();
  const easyRead = useEasyRead();
  const key = path.replace(/\/$/, '') || '/';
  const entry = pages[key];
  // A carer with several tabs open reads whose record each one shows in the tab's own title.
  const whose = entry?.signedIn && actingFor ? ` – ${actingFor.name}` : '';
  useEffect(() => {
    const title = `${entry?.title ?? 'Page not found'}${whose}`;
    // The start page is titled "Red Bag" alone, not "Red Bag – Red Bag".
    document.title = title === 'Red Bag' ? title : `${title} – Red Bag`;
  }, [entry, whose]);
  if (!entry) return <NotFoundPage />;
  if (entry.signedIn && me === undefined) return <p role="status">Loading…</p>;
  const signInFirst = entry.signedIn && me === null;
  const Component = signInFirst ? SignInPage : entry.page;
  return (
    <Suspense fallback={<p role="status">Loading…</p>}>
      {entry.signedIn && !signInFirst ? <WhoseRecord /> : null}
      {easyRead ? <EasyReadRoutes path={signInFirst ? '/sign-in' : key} fallback={Component} /> : <Component />}
    </Suspense>
  );
}

function Navigation() {
  const { me, signOut } = useSession();
  if (!me) return <nav aria-label="Account" className="redbag-nav"><Link href="/sign-in">Sign in</Link> <Link href="/scan">Scan a code</Link> <EasyReadSwitch /></nav>;
  return (
    <nav aria-label="Account" className="redbag-nav">
      <Link href={me.kind === 'professional' ? '/shared-with-me' : '/home'}>{me.kind === 'professional' ? 'People sharing with you' : 'Home'}</Link>{' '}
      <Link href="/account">Your account</Link>{' '}
      <button type="button" className="redbag-link-button" onClick={() => void signOut()}>Sign out</button> <EasyReadSwitch />
    </nav>
  );
}

/** `path` is given only when the start page is drawn ahead at build time (start-page.tsx). */
export function App({ path: drawnAt }: { path?: string }) {
  const [path, setPath] = useState(() => drawnAt ?? location.pathname);
  const site = useSiteConfig();
  // The first page is drawn and its handlers attached: what bench/portal-load.ts times "interactive" from.
  useEffect(() => void performance.mark('redbag:first-page-ready'), []);
  useEffect(() => {
    const onPop = () => {
      setPath(location.pathname);
      document.getElementById('main-content')?.focus();
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  return (
    <EasyReadProvider>
    <SessionProvider>
      <a className="nhsuk-skip-link" href="#main-content">Skip to main content</a>
      <ServiceHeader serviceName={site.serviceName} logoUrl={site.logoUrl} />
      <div className="nhsuk-width-container">
        <Navigation />
        <main className="nhsuk-main-wrapper" id="main-content" tabIndex={-1}>
          <Page path={path} />
        </main>
      </div>
      <footer role="contentinfo" className="nhsuk-footer">
        <div className="nhsuk-width-container">
          <p className="nhsuk-body-s">{site.serviceName}: your health and care record, and the code that tells a crew what they need to know.</p>
        </div>
      </footer>
    </SessionProvider>
    </EasyReadProvider>
  );
}
