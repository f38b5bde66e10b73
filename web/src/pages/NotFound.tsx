/** An address the app has no page for, with the way back to the start. */
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router-dom';
import { Page } from '../components/Page';
import { useT } from '../i18n/useT';

export function NotFound() {
  const t = useT();
  return (
    <Page title={t('notFound.title')}>
      <p>
        <FormattedMessage
          id="notFound.text"
          values={{
            link: (chunks) => (
              <Link className="usa-link" to="/">
                {chunks}
              </Link>
            ),
          }}
        />
      </p>
    </Page>
  );
}
