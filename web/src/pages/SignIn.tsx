/**
 * Sign-in. Production: one button to the agency's OIDC provider (authorization code with
 * PKCE, oidc.ts). Development: the demo people `npm run seed` made, one button each ("Pat
 * Lee — employee, CDT"); the server signs a token for the one chosen. `/auth/config` says
 * which of the two this server offers.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { signIn, type Person } from '../session';
import { beginSignIn, type OidcConfig } from '../oidc';
import { useT } from '../i18n/useT';

interface DemoPerson {
  id: string;
  name: string;
  label: string;
}
interface SignInConfig {
  devSignIn: boolean;
  oidc?: OidcConfig;
}

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as T & { detail?: string };
  if (!res.ok) throw Object.assign(new Error(body.detail ?? res.statusText), { problem: body });
  return body;
}

export function SignIn() {
  const t = useT();
  const navigate = useNavigate();
  // Back to the page that asked for sign-in (an e-mail's link), never off the site.
  const next = useSearchParams()[0].get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/inbox';
  const config = useQuery({
    queryKey: ['sign-in-config'],
    queryFn: async () => json<SignInConfig>(await fetch('/auth/config')),
    staleTime: Infinity,
  });
  const people = useQuery({
    queryKey: ['demo-people'],
    queryFn: async () => json<{ items: DemoPerson[] }>(await fetch('/auth/dev/people')),
    enabled: !!config.data?.devSignIn,
  });
  const provider = useMutation({ mutationFn: async (cfg: OidcConfig) => beginSignIn(cfg, target) });
  const choose = useMutation({
    mutationFn: async (id: string) =>
      json<{ token: string; person: Person }>(
        await fetch('/auth/dev/token', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id }),
        }),
      ),
    onSuccess: (s) => {
      signIn(s);
      void navigate(target);
    },
  });
  return (
    <Page title={t('signIn.title')} lead={config.data?.oidc ? t('signIn.leadOidc') : t('signIn.leadDemo')}>
      {config.isPending || (config.data?.devSignIn && people.isPending) ? <p>{t('signIn.loading')}</p> : null}
      <ProblemAlert
        error={config.error ?? people.error ?? choose.error ?? provider.error}
        heading={t('signIn.unavailable')}
      />
      {config.data?.oidc ? (
        <button
          type="button"
          className="usa-button usa-button--big"
          disabled={provider.isPending}
          onClick={() => provider.mutate(config.data.oidc!)}
        >
          {t('signIn.agency')}
        </button>
      ) : null}
      {config.data && !config.data.oidc && !config.data.devSignIn ? <p>{t('signIn.none')}</p> : null}
      {people.data && people.data.items.length === 0 ? (
        <div className="usa-alert usa-alert--info usa-alert--slim">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              <FormattedMessage id="signIn.noDemo" values={{ code: (chunks) => <code>{chunks}</code> }} />
            </p>
          </div>
        </div>
      ) : null}
      <ul className="usa-list usa-list--unstyled mf-people">
        {people.data?.items.map((p) => (
          <li key={p.id} className="margin-bottom-1">
            <button
              type="button"
              className="usa-button usa-button--outline width-full mf-person"
              disabled={choose.isPending}
              onClick={() => choose.mutate(p.id)}
            >
              {p.name} — {p.label}
            </button>
          </li>
        ))}
      </ul>
    </Page>
  );
}
