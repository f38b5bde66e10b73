/**
 * Registering a mentoring program (program staff or an administrator): it joins the
 * public directory at level "none" and can then apply for certification.
 */
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, ok } from '../api/client';
import { fieldError, TextField } from '../components/forms';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useT } from '../i18n/useT';

export function RegisterProgram() {
  const t = useT();
  const navigate = useNavigate();
  const [p, setP] = useState({
    name: '',
    organization: '',
    contactEmail: '',
    county: '',
    startedOn: '',
    minimumMatchMonths: '12',
  });
  const register = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/programs', { body: { ...p, minimumMatchMonths: Number(p.minimumMatchMonths) } })),
    onSuccess: (created) => void navigate(`/directory?registered=${encodeURIComponent(created.id)}`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    register.mutate();
  };
  const field = (k: keyof typeof p, label: string, type = 'text', hint?: string) => (
    <TextField
      id={`program-${k}`}
      label={label}
      type={type}
      hint={hint}
      error={fieldError(register.error, k)}
      value={p[k]}
      onChange={(v) => setP({ ...p, [k]: v })}
    />
  );
  return (
    <Page title={t('register.title')} lead={t('register.lead')}>
      <form className="usa-form usa-form--large" onSubmit={submit} aria-label={t('register.form')}>
        {field('name', t('register.name'))}
        {field('organization', t('register.organization'))}
        {field('contactEmail', t('register.contactEmail'), 'email')}
        {field('county', t('register.county'))}
        {field('startedOn', t('register.startedOn'), 'date', t('register.startedOnHint'))}
        {field('minimumMatchMonths', t('register.minimumMonths'), 'number')}
        <ProblemAlert error={register.error} heading={t('register.refused')} />
        <button type="submit" className="usa-button margin-top-3" disabled={register.isPending}>
          {t('register.submit')}
        </button>
      </form>
    </Page>
  );
}
