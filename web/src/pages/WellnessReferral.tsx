/**
 * A social worker, school counselor or case worker refers an isolated youth for wellness
 * check-in calls: who the youth is and which languages they speak (a caller who speaks one
 * is assigned), where the referral comes from, how to reach them and when, and how the
 * guardian (or the youth, at 18) consented. The youth is seen by the referrer, the
 * partnership's coordinators and the assigned caller only.
 */
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, ok } from '../api/client';
import { commaList as list, fieldError, FormGroup, TextField } from '../components/forms';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';

const SOURCES = [
  ['foster_care', 'Foster care'],
  ['school_disconnection', 'Disconnected from school'],
  ['justice_system', 'Justice system'],
] as const;

export function WellnessReferral() {
  const navigate = useNavigate();
  const [f, setF] = useState({
    name: '',
    dateOfBirth: '',
    county: '',
    languages: 'English',
    source: '' as (typeof SOURCES)[number][0] | '',
    phone: '',
    preferredTimes: '',
    how: '',
  });
  const refer = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/wellness/youth', {
          body: {
            youth: { name: f.name, dateOfBirth: f.dateOfBirth, county: f.county, languages: list(f.languages) },
            source: f.source as (typeof SOURCES)[number][0],
            contact: { phone: f.phone, preferredTimes: f.preferredTimes },
            guardianConsent: { how: f.how },
          },
        }),
      ),
    onSuccess: (c) => void navigate(`/cases/${c.id}`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    refer.mutate();
  };
  const err = (name: string) => fieldError(refer.error, name);
  const text = (
    k: 'name' | 'dateOfBirth' | 'county' | 'languages' | 'phone' | 'preferredTimes' | 'how',
    label: string,
    path: string,
    type = 'text',
    hint?: string,
  ) => (
    <TextField
      id={`wellness-${k}`}
      label={label}
      type={type}
      hint={hint}
      error={err(path)}
      value={f[k]}
      onChange={(v) => setF({ ...f, [k]: v })}
    />
  );
  return (
    <Page
      title="Refer a youth for check-in calls"
      lead="A screened caller who speaks the youth's language makes three weekly check-in calls (up to five)."
    >
      <form className="usa-form usa-form--large" onSubmit={submit} aria-label="Wellness check-in referral">
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">The youth</legend>
          {text('name', 'Full name', 'youth.name')}
          {text('dateOfBirth', 'Date of birth', 'youth.dateOfBirth', 'date')}
          {text('county', 'County', 'youth.county')}
          {text('languages', 'Languages the youth speaks', 'youth.languages', 'text', 'Separate them with commas')}
          <FormGroup id="wellness-source" label="Referred because of" error={err('source')}>
            <select
              className="usa-select"
              id="wellness-source"
              required
              value={f.source}
              onChange={(e) => setF({ ...f, source: e.target.value as typeof f.source })}
            >
              <option value="">- Select -</option>
              {SOURCES.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </FormGroup>
        </fieldset>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">Reaching them</legend>
          {text('phone', 'Phone', 'contact.phone', 'tel')}
          {text('preferredTimes', 'Best times to call', 'contact.preferredTimes')}
          {text(
            'how',
            'How the guardian (or the youth, at 18) consented',
            'guardianConsent.how',
            'text',
            'For example: signed form, phone call',
          )}
        </fieldset>
        <ProblemAlert error={refer.error} heading="The referral was refused" />
        <button type="submit" className="usa-button margin-top-3" disabled={refer.isPending}>
          Refer
        </button>
      </form>
    </Page>
  );
}
