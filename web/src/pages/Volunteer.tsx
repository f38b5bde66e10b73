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
import { useSearchParams } from 'react-router-dom';
import { api, ok } from '../api/client';
import { commaList as list, fieldError, FormGroup, TextField } from '../components/forms';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';

const AGE_BANDS = ['18-24', '25-34', '35-54', '55+'] as const;
const FORMATS = [
  ['in_person', 'In person'],
  ['virtual', 'Online (virtual)'],
  ['either', 'Either'],
] as const;

export function Volunteer() {
  const [params] = useSearchParams();
  const campaign = params.get('campaign') ?? undefined;
  const [v, setV] = useState({
    name: '',
    email: '',
    phone: '',
    zip: '',
    county: '',
    ageBand: '' as (typeof AGE_BANDS)[number] | '',
    languages: 'English',
    interests: '',
    youthMin: '8',
    youthMax: '18',
    hoursPerMonth: '4',
    format: 'either' as (typeof FORMATS)[number][0],
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
      <Page title="Check your e-mail">
        <div className="usa-alert usa-alert--info" role="status">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">One more step: confirm your e-mail address</h2>
            <p className="usa-alert__text">
              We sent an e-mail to {v.email}. Open the link in it and press the button to confirm: only then do we pass
              your details to up to three mentoring programs near you, and each will contact you within about a week.
              The link works for 7 days; if it does not arrive, check your spam folder.
            </p>
          </div>
        </div>
      </Page>
    );
  }
  return (
    <Page
      title="Become a mentor"
      lead="Tell us a little about yourself. The partnership refers you to up to three quality mentoring programs near you; they contact you. No account needed."
    >
      <form className="usa-form usa-form--large" onSubmit={submit} aria-label="Volunteer to mentor">
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">About you</legend>
          {text('name', 'Full name')}
          {text('email', 'E-mail', 'email')}
          {text('phone', 'Phone', 'tel')}
          {text('zip', 'ZIP code', 'text', '5 digits', false)}
          {text('county', 'County', 'text', 'The California county where you would mentor')}
          <FormGroup id="volunteer-ageBand" label="Your age" error={err('volunteer.ageBand')}>
            <select
              className="usa-select"
              id="volunteer-ageBand"
              required
              value={v.ageBand}
              onChange={(e) => setV({ ...v, ageBand: e.target.value as typeof v.ageBand })}
            >
              <option value="">- Select -</option>
              {AGE_BANDS.map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
          </FormGroup>
          {text('languages', 'Languages you speak', 'text', 'Separate them with commas')}
          {text('interests', 'Interests', 'text', 'Separate them with commas', false)}
        </fieldset>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">How you would like to mentor</legend>
          <FormGroup id="volunteer-youthMin" label="Youngest age you would mentor" error={err('youthAges.min')}>
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
          <FormGroup id="volunteer-youthMax" label="Oldest age you would mentor" error={err('youthAges.max')}>
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
          <FormGroup id="volunteer-hours" label="Hours a month you can give" error={err('volunteer.hoursPerMonth')}>
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
            <legend className="usa-legend">Where</legend>
            {FORMATS.map(([value, label]) => (
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
                  {label}
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
            Mentoring programs may contact me about mentoring
          </label>
        </div>
        {campaign ? <p className="usa-hint">Campaign: {campaign}</p> : null}
        <ProblemAlert error={send.error} heading="The form was not sent" />
        <button type="submit" className="usa-button margin-top-3" disabled={send.isPending}>
          Send
        </button>
      </form>
    </Page>
  );
}
