/**
 * The public program directory: every registered mentoring program with its
 * certification level, searchable by name, organization and county, filtered by level and
 * by what volunteers look for — county served, language, youth age, online mentoring,
 * accepting referrals (all kept in the URL). No sign-in.
 */
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { api, ok } from '../api/client';
import { Page } from '../components/Page';
import { useUrlParams } from '../components/useUrlParams';
import { ProblemAlert } from '../components/ProblemAlert';
import { useT } from '../i18n/useT';

const LEVELS = ['partner', 'associate_partner', 'affiliate', 'none'] as const;
/** A calendar date (2027-06-30) as an instant that is that day in California (noon UTC). */
const dateOnly = (d: string) => new Date(`${d.slice(0, 10)}T12:00:00Z`);
type Level = (typeof LEVELS)[number];

export function Directory() {
  const t = useT();
  const [params, set] = useUrlParams();
  const level = (params.get('level') ?? '') as Level | '';
  const q = params.get('q') ?? '';
  const filters = {
    ...(params.get('county') ? { county: params.get('county')! } : {}),
    ...(params.get('language') ? { language: params.get('language')! } : {}),
    ...(params.get('youthAge') ? { youthAge: Number(params.get('youthAge')) } : {}),
    ...(params.get('virtual') ? { virtual: 'true' as const } : {}),
    ...(params.get('accepting') ? { accepting: 'true' as const } : {}),
  };
  const programs = useQuery({
    queryKey: ['programs', level, filters],
    queryFn: () =>
      ok(api.GET('/api/v1/programs', { params: { query: { limit: 200, ...(level ? { level } : {}), ...filters } } })),
  });
  const check = (name: 'virtual' | 'accepting', label: string) => (
    <div className="usa-checkbox">
      <input
        className="usa-checkbox__input"
        id={`directory-${name}`}
        type="checkbox"
        checked={!!params.get(name)}
        onChange={(e) => set(name, e.target.checked ? 'true' : '')}
      />
      <label className="usa-checkbox__label" htmlFor={`directory-${name}`}>
        {label}
      </label>
    </div>
  );
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = (programs.data?.items ?? []).filter((p) =>
    words.every((w) => `${p.name} ${p.organization} ${p.county}`.toLowerCase().includes(w)),
  );
  return (
    <Page title={t('directory.title')} lead={t('directory.lead')}>
      <form
        className="usa-form mf-filters"
        role="search"
        aria-label={t('directory.search')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="directory-q">
            {t('directory.q')}
          </label>
          <input
            className="usa-input"
            id="directory-q"
            type="search"
            value={q}
            onChange={(e) => set('q', e.target.value)}
          />
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="directory-level">
            {t('directory.level')}
          </label>
          <select
            className="usa-select"
            id="directory-level"
            value={level}
            onChange={(e) => set('level', e.target.value)}
          >
            <option value="">{t('directory.anyLevel')}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`level.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="directory-county">
            {t('directory.county')}
          </label>
          <input
            className="usa-input"
            id="directory-county"
            value={params.get('county') ?? ''}
            onChange={(e) => set('county', e.target.value)}
          />
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="directory-language">
            {t('directory.language')}
          </label>
          <input
            className="usa-input"
            id="directory-language"
            value={params.get('language') ?? ''}
            onChange={(e) => set('language', e.target.value)}
          />
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="directory-age">
            {t('directory.youthAge')}
          </label>
          <input
            className="usa-input usa-input--small"
            id="directory-age"
            type="number"
            min={5}
            max={24}
            value={params.get('youthAge') ?? ''}
            onChange={(e) => set('youthAge', e.target.value)}
          />
        </div>
        {check('virtual', t('directory.virtual'))}
        {check('accepting', t('directory.accepting'))}
      </form>
      {params.get('registered') ? (
        <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              <FormattedMessage
                id="directory.registered"
                values={{ id: params.get('registered') ?? '', code: (chunks) => <code>{chunks}</code> }}
              />
            </p>
          </div>
        </div>
      ) : null}
      <ProblemAlert error={programs.error} />
      <p role="status">{programs.data ? t('directory.count', { count: shown.length }) : t('directory.loading')}</p>
      <ul className="usa-card-group">
        {shown.map((p) => (
          <li key={p.id} className="usa-card tablet:grid-col-6">
            <div className="usa-card__container">
              <div className="usa-card__header">
                <h2 className="usa-card__heading">{p.name}</h2>
              </div>
              <div className="usa-card__body">
                <p>{t('directory.where', { organization: p.organization, county: p.county })}</p>
                <p>
                  <span className="usa-tag">{t(`level.${p.level}`)}</span>
                  {p.certifiedUntil ? ` ${t('directory.until', { date: dateOnly(p.certifiedUntil) })}` : ''}
                </p>
                {p.referrals?.accepting ? (
                  <p>
                    {[
                      t('directory.accepting'),
                      p.referrals.counties.join(', ') || p.county,
                      p.referrals.virtual ? t('directory.onlineToo') : '',
                      p.referrals.youthAges
                        ? t('directory.youthAges', { min: p.referrals.youthAges.min, max: p.referrals.youthAges.max })
                        : '',
                      p.referrals.languages.join(', '),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                ) : (
                  <p>{t('directory.notAccepting')}</p>
                )}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </Page>
  );
}
