/**
 * A social worker refers a youth in their care for a mentor: the youth's name, birth date,
 * county, languages, interests and needs (seen only by the assigned case worker, case
 * supervisors and this social worker), the caregiver to ask for consent, and the case
 * worker who will take the referral. A case worker entering a referral names the social
 * worker instead.
 */
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, ok } from '../api/client';
import { commaList as list, fieldError, FormGroup, TextField } from '../components/forms';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useSession } from '../session';

export function YouthReferral() {
  const session = useSession()!;
  const navigate = useNavigate();
  const isSocialWorker = session.person.roles.includes('social_worker');
  const [y, setY] = useState({ name: '', dateOfBirth: '', county: '', languages: 'English', interests: '', needs: '' });
  const [sw, setSw] = useState({ id: '', name: '', email: '' });
  const [caregiver, setCaregiver] = useState({ name: '', email: '' });
  const [caseWorkerId, setCaseWorkerId] = useState(isSocialWorker ? '' : session.person.id);
  const refer = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/foster/youth', {
          body: {
            youth: { ...y, languages: list(y.languages), interests: list(y.interests) },
            socialWorker: isSocialWorker
              ? {
                  id: session.person.id,
                  name: session.person.name ?? session.person.id,
                  email: session.person.email ?? '',
                }
              : sw,
            caregiver: { name: caregiver.name, ...(caregiver.email ? { email: caregiver.email } : {}) },
            ...(caseWorkerId ? { caseWorkerId } : {}),
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
  const youthField = (k: keyof typeof y, label: string, type = 'text', required = true, hint?: string) => (
    <TextField
      id={`youth-${k}`}
      label={label}
      type={type}
      required={required}
      hint={hint}
      multiline={k === 'needs'}
      maxLength={k === 'needs' ? 5000 : undefined}
      error={err(`youth.${k}`)}
      value={y[k]}
      onChange={(v) => setY({ ...y, [k]: v })}
    />
  );
  return (
    <Page
      title="Refer a youth"
      lead="The youth's details are seen only by the assigned case worker, case supervisors and the youth's social worker."
    >
      <form className="usa-form usa-form--large" onSubmit={submit} aria-label="Youth referral">
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">The youth</legend>
          {youthField('name', 'Full name')}
          {youthField('dateOfBirth', 'Date of birth', 'date')}
          {youthField('county', 'County')}
          {youthField('languages', 'Languages', 'text', false, 'Separate them with commas')}
          {youthField('interests', 'Interests', 'text', false, 'Separate them with commas')}
          {youthField('needs', 'What a mentor could help with', 'text', false)}
        </fieldset>
        {isSocialWorker ? null : (
          <fieldset className="usa-fieldset">
            <legend className="usa-legend usa-legend--large">The youth's social worker</legend>
            {(['id', 'name', 'email'] as const).map((k) => (
              <FormGroup
                key={k}
                id={`sw-${k}`}
                label={k === 'id' ? 'Staff ID' : k === 'name' ? 'Name' : 'E-mail'}
                error={err(`socialWorker.${k}`)}
              >
                <input
                  className="usa-input"
                  id={`sw-${k}`}
                  type={k === 'email' ? 'email' : 'text'}
                  required
                  value={sw[k]}
                  onChange={(e) => setSw({ ...sw, [k]: e.target.value })}
                />
              </FormGroup>
            ))}
          </fieldset>
        )}
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">The caregiver</legend>
          <FormGroup id="caregiver-name" label="Name" error={err('caregiver.name')}>
            <input
              className="usa-input"
              id="caregiver-name"
              required
              value={caregiver.name}
              onChange={(e) => setCaregiver({ ...caregiver, name: e.target.value })}
            />
          </FormGroup>
          <FormGroup id="caregiver-email" label="E-mail (optional)" error={err('caregiver.email')}>
            <input
              className="usa-input"
              id="caregiver-email"
              type="email"
              value={caregiver.email}
              onChange={(e) => setCaregiver({ ...caregiver, email: e.target.value })}
            />
          </FormGroup>
        </fieldset>
        {isSocialWorker ? (
          <FormGroup
            id="referral-cw"
            label="Case worker's staff ID"
            hint="The case worker who will take this referral"
            error={err('caseWorkerId')}
          >
            <input
              className="usa-input"
              id="referral-cw"
              required
              value={caseWorkerId}
              onChange={(e) => setCaseWorkerId(e.target.value)}
              aria-describedby="referral-cw-hint"
            />
          </FormGroup>
        ) : null}
        <ProblemAlert error={refer.error} heading="The referral was refused" />
        <button type="submit" className="usa-button margin-top-3" disabled={refer.isPending}>
          Refer
        </button>
      </form>
    </Page>
  );
}
