/**
 * Sign-in. In development: the demo people `npm run seed` made, one button each ("Pat
 * Lee — employee, CDT"); the server signs a token for the one chosen. (Production signs
 * in through the agency's OIDC provider instead; this page then has no demo list.)
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { signIn, type Person } from '../session';

interface DemoPerson { id: string; name: string; label: string }

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as T & { detail?: string };
  if (!res.ok) throw Object.assign(new Error(body.detail ?? res.statusText), { problem: body });
  return body;
}

export function SignIn() {
  const navigate = useNavigate();
  // Back to the page that asked for sign-in (an e-mail's link), never off the site.
  const next = useSearchParams()[0].get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/inbox';
  const people = useQuery({ queryKey: ['demo-people'], queryFn: async () => json<{ items: DemoPerson[] }>(await fetch('/auth/dev/people')) });
  const choose = useMutation({
    mutationFn: async (id: string) => json<{ token: string; person: Person }>(await fetch('/auth/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) })),
    onSuccess: (s) => {
      signIn(s);
      void navigate(target);
    },
  });
  return (
    <Page title="Sign in" lead="Choose a demo person to work as. Each has the roles and scope shown.">
      {people.isPending ? <p>Loading the demo people…</p> : null}
      <ProblemAlert error={people.error ?? choose.error} heading="Sign-in is not available" />
      {people.data && people.data.items.length === 0 ? (
        <div className="usa-alert usa-alert--info usa-alert--slim"><div className="usa-alert__body"><p className="usa-alert__text">No demo people yet: run <code>npm run seed</code>.</p></div></div>
      ) : null}
      <ul className="usa-list usa-list--unstyled mf-people">
        {people.data?.items.map((p) => (
          <li key={p.id} className="margin-bottom-1">
            <button type="button" className="usa-button usa-button--outline width-full mf-person" disabled={choose.isPending} onClick={() => choose.mutate(p.id)}>
              {p.name} — {p.label}
            </button>
          </li>
        ))}
      </ul>
    </Page>
  );
}
