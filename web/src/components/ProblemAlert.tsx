/**
 * A refusal or failure, shown where the person acted: the rule's own message, and each field's
 * problem (the API writes them in the language the request asked for).
 */
import { problemOf } from '../api/client';
import { useT } from '../i18n/useT';

export function ProblemAlert({ error, heading }: { error: unknown; heading?: string }) {
  const t = useT();
  if (!error) return null;
  const p = problemOf(error);
  return (
    <div className="usa-alert usa-alert--error usa-alert--slim margin-y-2" role="alert">
      <div className="usa-alert__body">
        <h2 className="usa-alert__heading font-sans-sm">{heading ?? t('problem.heading')}</h2>
        <p className="usa-alert__text">
          {p?.detail ?? p?.title ?? (error instanceof Error ? error.message : t('problem.fallback'))}
        </p>
        {p?.errors?.length ? (
          <ul>
            {p.errors.map((e) => (
              <li key={e.path + e.message}>
                {e.path ? `${e.path}: ` : ''}
                {e.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
