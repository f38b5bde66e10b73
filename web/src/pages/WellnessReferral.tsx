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
import {
  commaList as list,
  fieldError,
  FormGroup,
  TextField,
  EmailLanguageField,
  type EmailLanguage,
} from '../components/forms';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useT } from '../i18n/useT';

const SOURCES = ['foster_care', 'school_disconnection', 'justice_system'] as const;

export function WellnessReferral() {
  const t = useT();
  const navigate = useNavigate();
  const [f, setF] = useState({
    name: '',
    dateOfBirth: '',
    county: '',
    languages: 'English',
    source: '' as (typeof SOURCES)[number] | '',
    phone: '',
    preferredTimes: '',
    how: '',
    language: '' as EmailLanguage | '',
  });
  const refer = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/wellness/youth', {
          body: {
            youth: {
              name: f.name,
              dateOfBirth: f.dateOfBirth,
              county: f.county,
              languages: list(f.languages),
              ...(f.language ? { language: f.language } : {}),
            },
            source: f.source as (typeof SOURCES)[number],
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
    <Page title={t('wellness.title')} lead={t('wellness.lead')}>
      <form className="usa-form usa-form--large" onSubmit={submit} aria-label={t('wellness.form')}>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">{t('wellness.youth')}</legend>
          {text('name', t('wellness.fullName'), 'youth.name')}
          {text('dateOfBirth', t('wellness.dateOfBirth'), 'youth.dateOfBirth', 'date')}
          {text('county', t('wellness.county'), 'youth.county')}
          {text('languages', t('wellness.languages'), 'youth.languages', 'text', t('wellness.commas'))}
          <EmailLanguageField
            id="wellness-language"
            value={f.language}
            error={err('youth.language')}
            onChange={(language) => setF({ ...f, language })}
          />
          <FormGroup id="wellness-source" label={t('wellness.source')} error={err('source')}>
            <select
              className="usa-select"
              id="wellness-source"
              required
              value={f.source}
              onChange={(e) => setF({ ...f, source: e.target.value as typeof f.source })}
            >
              <option value="">{t('wellness.select')}</option>
              {SOURCES.map((v) => (
                <option key={v} value={v}>
                  {t(`wellness.source.${v}`)}
                </option>
              ))}
            </select>
          </FormGroup>
        </fieldset>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">{t('wellness.reaching')}</legend>
          {text('phone', t('wellness.phone'), 'contact.phone', 'tel')}
          {text('preferredTimes', t('wellness.times'), 'contact.preferredTimes')}
          {text('how', t('wellness.how'), 'guardianConsent.how', 'text', t('wellness.howHint'))}
        </fieldset>
        <ProblemAlert error={refer.error} heading={t('wellness.refused')} />
        <button type="submit" className="usa-button margin-top-3" disabled={refer.isPending}>
          {t('wellness.refer')}
        </button>
      </form>
    </Page>
  );
}
