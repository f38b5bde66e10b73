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

export function RegisterProgram() {
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
    <Page title="Register a program" lead="The program joins the public directory and can apply for certification.">
      <form className="usa-form usa-form--large" onSubmit={submit} aria-label="Program registration">
        {field('name', 'Program name')}
        {field('organization', 'Organization')}
        {field('contactEmail', 'Contact e-mail', 'email')}
        {field('county', 'County')}
        {field('startedOn', 'Started on', 'date', 'Partner certification needs 12 months of operation')}
        {field('minimumMatchMonths', 'Minimum match length (months)', 'number')}
        <ProblemAlert error={register.error} heading="The program was not registered" />
        <button type="submit" className="usa-button margin-top-3" disabled={register.isPending}>
          Register the program
        </button>
      </form>
    </Page>
  );
}
