/**
 * Every page: the site header with its navigation, a skip link, and one main landmark
 * whose heading names the page (also the document title). On each new page the heading
 * takes the focus, so a screen reader announces where the person arrived.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router-dom';
import { signOut, useSession } from '../session';
import { CASELOAD_ROLES, looksForCases, OUTCOME_ROLES, readsReports, supervises } from '../roles';
import { LanguageSelector } from '../i18n/LanguageSelector';
import { useT } from '../i18n/useT';

/** The product's name, the same in every language. */
const BRAND = 'mentorflow';

export function Page({ title, children, lead }: { title: string; children: ReactNode; lead?: ReactNode }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — ${BRAND}`;
    heading.current?.focus();
  }, [title]);
  return (
    <>
      <a className="usa-skipnav" href="#main-content">
        {t('shell.skip')}
      </a>
      <SiteHeader />
      <main id="main-content" className="grid-container padding-bottom-6">
        <h1 ref={heading} tabIndex={-1} className="margin-top-4">
          {title}
        </h1>
        {lead ? <p className="usa-intro">{lead}</p> : null}
        {children}
      </main>
    </>
  );
}

function SiteHeader() {
  const t = useT();
  const session = useSession();
  const navigate = useNavigate();
  return (
    <header className="usa-header usa-header--basic mf-header">
      <div className="usa-nav-container mf-header__bar">
        <div className="usa-logo">
          <em className="usa-logo__text">
            <Link to={session ? '/inbox' : '/'} title={t('shell.home')}>
              {BRAND}
            </Link>
          </em>
        </div>
        <nav aria-label={t('shell.primaryNav')} className="mf-nav">
          <ul className="usa-list usa-list--unstyled mf-nav__list">
            {session ? (
              <li>
                <NavLink className="usa-link" to="/inbox">
                  {t('nav.inbox')}
                </NavLink>
              </li>
            ) : null}
            {session && looksForCases(session.person.roles) ? (
              <li>
                <NavLink className="usa-link" to="/cases" end>
                  {t('nav.cases')}
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('employee') ? (
              <li>
                <NavLink className="usa-link" to="/leave">
                  {t('nav.myLeave')}
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('program_staff') ? (
              <li>
                <NavLink className="usa-link" to="/program">
                  {t('nav.myProgram')}
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.some((r) => r === 'program_staff' || r === 'admin') ? (
              <li>
                <NavLink className="usa-link" to="/programs/new">
                  {t('nav.registerProgram')}
                </NavLink>
              </li>
            ) : null}
            {session && supervises(session.person.roles) ? (
              <li>
                <NavLink className="usa-link" to="/reassign">
                  {t('nav.reassign')}
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('admin') ? (
              <li>
                <NavLink className="usa-link" to="/people">
                  {t('nav.people')}
                </NavLink>
              </li>
            ) : null}
            {session ? (
              <li>
                <NavLink className="usa-link" to="/out-of-office">
                  {t('nav.outOfOffice')}
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('admin') ? (
              <li>
                <NavLink className="usa-link" to="/question-banks">
                  {t('nav.questionBank')}
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('admin') ? (
              <li>
                <NavLink className="usa-link" to="/audit">
                  {t('nav.audit')}
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('admin') ? (
              <li>
                <NavLink className="usa-link" to="/templates">
                  {t('nav.templates')}
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('admin') ? (
              <li>
                <NavLink className="usa-link" to="/rules">
                  {t('nav.rules')}
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.some((r) => CASELOAD_ROLES.includes(r)) ? (
              <li>
                <NavLink className="usa-link" to="/caseload">
                  {t('nav.caseload')}
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.some((r) => OUTCOME_ROLES.includes(r)) ? (
              <li>
                <NavLink className="usa-link" to="/reports/outcomes">
                  {t('nav.outcomes')}
                </NavLink>
              </li>
            ) : null}
            {session && readsReports(session.person.roles) ? (
              <li>
                <NavLink className="usa-link" to="/reports" end>
                  {t('nav.reports')}
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('case_worker') ? (
              <li>
                <NavLink className="usa-link" to="/mentors/new">
                  {t('nav.newMentor')}
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('case_worker') ? (
              <li>
                <NavLink className="usa-link" to="/matches/new">
                  {t('nav.proposeMatch')}
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.some((r) => r === 'social_worker' || r === 'case_worker') ? (
              <li>
                <NavLink className="usa-link" to="/youth/new">
                  {t('nav.referYouth')}
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('case_worker') ? (
              <li>
                <NavLink className="usa-link" to="/callers/new">
                  {t('nav.newCaller')}
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.some(
              (r) => r === 'social_worker' || r === 'case_worker' || r === 'school_counselor',
            ) ? (
              <li>
                <NavLink className="usa-link" to="/wellness/new">
                  {t('nav.checkInCalls')}
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('college_coordinator') ? (
              <li>
                <NavLink className="usa-link" to="/ece/mentors/new">
                  {t('nav.certifyMentor')}
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('college_coordinator') ? (
              <li>
                <NavLink className="usa-link" to="/ece/placements/new">
                  {t('nav.placeMentee')}
                </NavLink>
              </li>
            ) : null}
            <li>
              <NavLink className="usa-link" to="/directory">
                {t('shell.directory')}
              </NavLink>
            </li>
            {session ? null : (
              <li>
                <NavLink className="usa-link" to="/volunteer">
                  {t('shell.volunteer')}
                </NavLink>
              </li>
            )}
            {session ? (
              <li>
                <span className="mf-nav__who">{session.person.name ?? session.person.id}</span>{' '}
                <button
                  type="button"
                  className="usa-button usa-button--unstyled"
                  onClick={() => {
                    signOut();
                    void navigate('/');
                  }}
                >
                  {t('shell.signOut')}
                </button>
              </li>
            ) : (
              <li>
                <NavLink className="usa-link" to="/">
                  {t('shell.signIn')}
                </NavLink>
              </li>
            )}
          </ul>
        </nav>
        <LanguageSelector />
      </div>
    </header>
  );
}
