/**
 * Where the OIDC provider sends people back: the code becomes a token (oidc.ts), the API
 * says who that token is (`GET /me`), and the person lands on the page they set out for.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { Page } from '../components/Page';
import { finishSignIn } from '../oidc';
import { signIn } from '../session';
import { useT } from '../i18n/useT';

export function SignInCallback() {
  const t = useT();
  const [query] = useSearchParams();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string>();
  const started = useRef(false);
  useEffect(() => {
    // Once: a code can be traded only once (React's strict mode would run this twice).
    if (started.current) return;
    started.current = true;
    void (async () => {
      try {
        const { token, next } = await finishSignIn(query);
        const { data, error } = await api.GET('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
        if (error || !data)
          throw new Error((error as { detail?: string } | undefined)?.detail ?? t('signIn.tokenRefused'));
        signIn({ token, person: { ...data, name: data.name ?? null } });
        void navigate(next, { replace: true });
      } catch (err) {
        setFailure((err as Error).message);
      }
    })();
  }, [query, navigate]);
  return (
    <Page title={failure ? t('signIn.failed') : t('signIn.signingIn')}>
      {failure ? (
        <div className="usa-alert usa-alert--error" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{failure}</p>
            <p className="usa-alert__text">
              <Link className="usa-link" to="/">
                {t('signIn.again')}
              </Link>
            </p>
          </div>
        </div>
      ) : (
        <p>{t('signIn.finishing')}</p>
      )}
    </Page>
  );
}
