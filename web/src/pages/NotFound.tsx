import { Link } from 'react-router-dom';
import { Page } from '../components/Page';

export function NotFound() {
  return (
    <Page title="Page not found">
      <p>
        There is no page at this address.{' '}
        <Link className="usa-link" to="/">
          Go to the start
        </Link>
        .
      </p>
    </Page>
  );
}
