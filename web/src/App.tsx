import { Header } from 'nhsuk-react-components';
import { useEffect, useState, type ReactElement } from 'react';
import { AccessLogPage } from './pages/AccessLogPage.tsx';
import { AllergiesPage } from './pages/AllergiesPage.tsx';
import { CarersPage } from './pages/CarersPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { RedBagPage } from './pages/RedBagPage.tsx';
import { RegisterPage } from './pages/RegisterPage.tsx';
import { ScanPage } from './pages/ScanPage.tsx';
import { SharedWithMePage } from './pages/SharedWithMePage.tsx';
import { SharingPage } from './pages/SharingPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { StartPage } from './pages/StartPage.tsx';
import { Link } from './components/Link.tsx';
import { ImportExportPage } from './pages/ImportExportPage.tsx';
import { RecordSectionPage } from './pages/RecordSectionPage.tsx';
import { recordSections } from './record-sections.ts';
import { SessionProvider, useSession } from './session.tsx';
import { useSiteConfig } from './site-config.ts';
import { EasyReadSwitch } from './easy-read.tsx';

/** Pages by path; `signedIn` pages send people who are signed out to sign in first. */
const pages: Record<string, { page: () => ReactElement; title: string; signedIn?: 'person' | 'professional' }> = {
  '/': { page: StartPage, title: 'Red Bag' },
  '/scan': { page: ScanPage, title: 'Scan a Red Bag code' },
  '/sign-in': { page: SignInPage, title: 'Sign in' },
  '/register': { page: RegisterPage, title: 'Create your Red Bag' },
  '/home': { page: HomePage, title: 'Your Red Bag', signedIn: 'person' },
  '/allergies': { page: AllergiesPage, title: 'Allergies', signedIn: 'person' },
  '/my-red-bag': { page: RedBagPage, title: 'Your Red Bag', signedIn: 'person' },
  '/sharing': { page: SharingPage, title: 'Sharing', signedIn: 'person' },
  '/access-log': { page: AccessLogPage, title: 'Who has seen my record', signedIn: 'person' },
  '/carers': { page: CarersPage, title: 'Carers', signedIn: 'person' },
  '/carers/accept': { page: CarersPage, title: 'Accept an invitation', signedIn: 'person' },
  '/import-and-download': { page: ImportExportPage, title: 'Import and download', signedIn: 'person' },
  '/shared-with-me': { page: SharedWithMePage, title: 'People sharing with you', signedIn: 'professional' },
  ...Object.fromEntries(recordSections.map((section) => [section.path, { page: () => <RecordSectionPage section={section} />, title: section.title, signedIn: 'person' as const }])),
};

function Page({ path }: { path: string }) {
  const { me } = useSession();
  const entry = pages[path.replace(/\/$/, '') || '/'];
  useEffect(() => {
    document.title = `${entry?.title ?? 'Page not found'} – Red Bag`;
  }, [entry]);
  if (!entry) return <NotFoundPage />;
  if (entry.signedIn) {
    if (me === undefined) return <p role="status">Loading…</p>;
    if (me === null) return <SignInPage />;
  }
  const Component = entry.page;
  return <Component />;
}

function Navigation() {
  const { me, signOut } = useSession();
  if (!me) return <nav aria-label="Account" className="redbag-nav"><Link href="/sign-in">Sign in</Link> <Link href="/scan">Scan a code</Link> <EasyReadSwitch /></nav>;
  return (
    <nav aria-label="Account" className="redbag-nav">
      <Link href={me.kind === 'professional' ? '/shared-with-me' : '/home'}>{me.kind === 'professional' ? 'People sharing with you' : 'Home'}</Link>{' '}
      <button type="button" className="redbag-link-button" onClick={() => void signOut()}>Sign out</button> <EasyReadSwitch />
    </nav>
  );
}

export function App() {
  const [path, setPath] = useState(location.pathname);
  const site = useSiteConfig();
  useEffect(() => {
    const onPop = () => {
      setPath(location.pathname);
      document.getElementById('main-content')?.focus();
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  return (
    <SessionProvider>
      <a className="nhsuk-skip-link" href="#main-content">Skip to main content</a>
      <Header service={{ text: site.serviceName, href: '/' }} logo={{ src: site.logoUrl, alt: '', href: '/' }} />
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
  );
}
