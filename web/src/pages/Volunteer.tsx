/**
 * The statewide volunteer form (docs/processes/mentor-referral.md): someone who wants to mentor says who they
 * are, where, in which languages, for which ages and how; the partnership refers them to
 * up to three member programs near them. Public, no account. A campaign's link carries its
 * code (`/volunteer?campaign=MentorsOfColor`). Nothing typed is lost when the API refuses
 * a field: the message appears beside it. Nothing goes to a program until the volunteer
 * confirms the address through the link we e-mail, so the answer says to check the inbox.
 */
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { useSearchParams } from 'react-router-dom';
import { api, ok } from '../api/client';
import { commaList as list, fieldError, FormGroup, TextField } from '../components/forms';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useT } from '../i18n/useT';

const AGE_BANDS = ['18-24', '25-34', '35-54', '55+'] as const;
const FORMATS = ['in_person', 'virtual', 'either'] as const;

export function Volunteer() {
  const t = useT();
  const intl = useIntl();
  const [params] = useSearchParams();
  const campaign = params.get('campaign') ?? undefined;
  const [v, setV] = useState({
    name: '',
    email: '',
    phone: '',
    zip: '',
    county: '',
    ageBand: '' as (typeof AGE_BANDS)[number] | '',
    // What the matching reads; a default only where the form speaks English.
    languages: intl.locale === 'en' ? 'English' : '',
    interests: '',
    youthMin: '8',
    youthMax: '18',
    hoursPerMonth: '4',
    format: 'either' as (typeof FORMATS)[number],
  });
  const [consent, setConsent] = useState(false);
  const send = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/referrals', {
          body: {
            volunteer: {
              name: v.name,
              email: v.email,
              phone: v.phone,
              ...(v.zip ? { zip: v.zip } : {}),
              county: v.county,
              ageBand: v.ageBand as (typeof AGE_BANDS)[number],
              languages: list(v.languages),
              interests: list(v.interests),
              youthAges: { min: Number(v.youthMin), max: Number(v.youthMax) },
              hoursPerMonth: Number(v.hoursPerMonth),
              format: v.format,
            },
            ...(campaign ? { campaign } : {}),
            // The volunteer's e-mails follow the language they filled the form in (when the e-mails have it).
            ...(intl.locale === 'en' || intl.locale === 'es' ? { language: intl.locale } : {}),
            consentToContact: consent,
          },
        }),
      ),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };
  const err = (name: string) => fieldError(send.error, name);
  const text = (
    k: 'name' | 'email' | 'phone' | 'zip' | 'county' | 'languages' | 'interests',
    label: string,
    type = 'text',
    hint?: string,
    required = true,
  ) => (
    <TextField
      id={`volunteer-${k}`}
      label={label}
      type={type}
      hint={hint}
      required={required}
      error={err(`volunteer.${k}`)}
      value={v[k]}
      onChange={(x) => setV({ ...v, [k]: x })}
    />
  );
  if (send.data) {
    return (
      <Page title={t('volunteer.checkTitle')}>
        <div className="usa-alert usa-alert--info" role="status">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">{t('volunteer.checkHeading')}</h2>
            <p className="usa-alert__text">{t('volunteer.checkText', { email: v.email, days: 7 })}</p>
          </div>
        </div>
      </Page>
    );
  }
  return (
    <Page title={t('volunteer.title')} lead={t('volunteer.lead')}>
      <form className="usa-form usa-form--large" onSubmit={submit} aria-label={t('volunteer.form')}>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">{t('volunteer.aboutYou')}</legend>
          {text('name', t('volunteer.name'))}
          {text('email', t('volunteer.email'), 'email')}
          {text('phone', t('volunteer.phone'), 'tel')}
          {text('zip', t('volunteer.zip'), 'text', t('volunteer.zipHint'), false)}
          {text('county', t('volunteer.county'), 'text', t('volunteer.countyHint'))}
          <FormGroup id="volunteer-ageBand" label={t('volunteer.age')} error={err('volunteer.ageBand')}>
            <select
              className="usa-select"
              id="volunteer-ageBand"
              required
              value={v.ageBand}
              onChange={(e) => setV({ ...v, ageBand: e.target.value as typeof v.ageBand })}
            >
              <option value="">{t('form.select')}</option>
              {AGE_BANDS.map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
          </FormGroup>
          {text('languages', t('volunteer.languages'), 'text', t('form.commas'))}
          {text('interests', t('volunteer.interests'), 'text', t('form.commas'), false)}
        </fieldset>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">{t('volunteer.how')}</legend>
          <FormGroup id="volunteer-youthMin" label={t('volunteer.youthMin')} error={err('youthAges.min')}>
            <input
              className="usa-input usa-input--small"
              id="volunteer-youthMin"
              type="number"
              min={5}
              max={24}
              required
              value={v.youthMin}
              onChange={(e) => setV({ ...v, youthMin: e.target.value })}
            />
          </FormGroup>
          <FormGroup id="volunteer-youthMax" label={t('volunteer.youthMax')} error={err('youthAges.max')}>
            <input
              className="usa-input usa-input--small"
              id="volunteer-youthMax"
              type="number"
              min={5}
              max={24}
              required
              value={v.youthMax}
              onChange={(e) => setV({ ...v, youthMax: e.target.value })}
            />
          </FormGroup>
          <FormGroup id="volunteer-hours" label={t('volunteer.hours')} error={err('volunteer.hoursPerMonth')}>
            <input
              className="usa-input usa-input--small"
              id="volunteer-hours"
              type="number"
              min={1}
              max={200}
              required
              value={v.hoursPerMonth}
              onChange={(e) => setV({ ...v, hoursPerMonth: e.target.value })}
            />
          </FormGroup>
          <fieldset className="usa-fieldset margin-top-2">
            <legend className="usa-legend">{t('volunteer.where')}</legend>
            {FORMATS.map((value) => (
              <div className="usa-radio" key={value}>
                <input
                  className="usa-radio__input"
                  id={`volunteer-format-${value}`}
                  type="radio"
                  name="format"
                  value={value}
                  checked={v.format === value}
                  onChange={() => setV({ ...v, format: value })}
                />
                <label className="usa-radio__label" htmlFor={`volunteer-format-${value}`}>
                  {t(`volunteer.format.${value}`)}
                </label>
              </div>
            ))}
          </fieldset>
        </fieldset>
        <div className="usa-checkbox margin-top-3">
          <input
            className="usa-checkbox__input"
            id="volunteer-consent"
            type="checkbox"
            checked={consent}
            onChange={(e) => setConsent(e.target.checked)}
          />
          <label className="usa-checkbox__label" htmlFor="volunteer-consent">
            {t('volunteer.consent')}
          </label>
        </div>
        {campaign ? <p className="usa-hint">{t('volunteer.campaign', { campaign })}</p> : null}
        <ProblemAlert error={send.error} heading={t('volunteer.notSent')} />
        <button type="submit" className="usa-button margin-top-3" disabled={send.isPending}>
          {t('volunteer.send')}
        </button>
      </form>
    </Page>
  );
}
