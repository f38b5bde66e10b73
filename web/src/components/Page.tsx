/**
 * Every page: the site header with its navigation, a skip link, and one main landmark
 * whose heading names the page (also the document title). On each new page the heading
 * takes the focus, so a screen reader announces where the person arrived.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router-dom';
import { signOut, useSession } from '../session';
import { readsReports, supervises } from '../roles';

export function Page({ title, children, lead }: { title: string; children: ReactNode; lead?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — mentorflow`;
    heading.current?.focus();
  }, [title]);
  return (
    <>
      <a className="usa-skipnav" href="#main-content">
        Skip to main content
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
  const session = useSession();
  const navigate = useNavigate();
  return (
    <header className="usa-header usa-header--basic mf-header">
      <div className="usa-nav-container mf-header__bar">
        <div className="usa-logo">
          <em className="usa-logo__text">
            <Link to={session ? '/inbox' : '/'} title="mentorflow home">
              mentorflow
            </Link>
          </em>
        </div>
        <nav aria-label="Primary navigation" className="mf-nav">
          <ul className="usa-list usa-list--unstyled mf-nav__list">
            {session ? (
              <li>
                <NavLink className="usa-link" to="/inbox">
                  Inbox
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('employee') ? (
              <li>
                <NavLink className="usa-link" to="/leave">
                  My leave
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('program_staff') ? (
              <li>
                <NavLink className="usa-link" to="/program">
                  My program
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.some((r) => r === 'program_staff' || r === 'admin') ? (
              <li>
                <NavLink className="usa-link" to="/programs/new">
                  Register a program
                </NavLink>
              </li>
            ) : null}
            {session && supervises(session.person.roles) ? (
              <li>
                <NavLink className="usa-link" to="/reassign">
                  Reassign
                </NavLink>
              </li>
            ) : null}
            {session && readsReports(session.person.roles) ? (
              <li>
                <NavLink className="usa-link" to="/reports">
                  Reports
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('case_worker') ? (
              <li>
                <NavLink className="usa-link" to="/mentors/new">
                  New mentor
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('case_worker') ? (
              <li>
                <NavLink className="usa-link" to="/matches/new">
                  Propose a match
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.some((r) => r === 'social_worker' || r === 'case_worker') ? (
              <li>
                <NavLink className="usa-link" to="/youth/new">
                  Refer a youth
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('case_worker') ? (
              <li>
                <NavLink className="usa-link" to="/callers/new">
                  New caller
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.some(
              (r) => r === 'social_worker' || r === 'case_worker' || r === 'school_counselor',
            ) ? (
              <li>
                <NavLink className="usa-link" to="/wellness/new">
                  Check-in calls
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('college_coordinator') ? (
              <li>
                <NavLink className="usa-link" to="/ece/mentors/new">
                  Certify a mentor
                </NavLink>
              </li>
            ) : null}
            {session?.person.roles.includes('college_coordinator') ? (
              <li>
                <NavLink className="usa-link" to="/ece/placements/new">
                  Place a mentee
                </NavLink>
              </li>
            ) : null}
            <li>
              <NavLink className="usa-link" to="/directory">
                Program directory
              </NavLink>
            </li>
            {session ? null : (
              <li>
                <NavLink className="usa-link" to="/volunteer">
                  Become a mentor
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
                  Sign out
                </button>
              </li>
            ) : (
              <li>
                <NavLink className="usa-link" to="/">
                  Sign in
                </NavLink>
              </li>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}
