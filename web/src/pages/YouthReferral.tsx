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
import { useSession } from '../session';
import { useT } from '../i18n/useT';

export function YouthReferral() {
  const t = useT();
  const session = useSession()!;
  const navigate = useNavigate();
  const isSocialWorker = session.person.roles.includes('social_worker');
  const [y, setY] = useState({ name: '', dateOfBirth: '', county: '', languages: 'English', interests: '', needs: '' });
  const [sw, setSw] = useState({ id: '', name: '', email: '' });
  const [caregiver, setCaregiver] = useState({ name: '', email: '', language: '' as EmailLanguage | '' });
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
            caregiver: {
              name: caregiver.name,
              ...(caregiver.email ? { email: caregiver.email } : {}),
              ...(caregiver.language ? { language: caregiver.language } : {}),
            },
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
    <Page title={t('youth.title')} lead={t('youth.lead')}>
      <form className="usa-form usa-form--large" onSubmit={submit} aria-label={t('youth.form')}>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">{t('youth.youth')}</legend>
          {youthField('name', t('youth.fullName'))}
          {youthField('dateOfBirth', t('youth.dateOfBirth'), 'date')}
          {youthField('county', t('youth.county'))}
          {youthField('languages', t('youth.languages'), 'text', false, t('youth.commas'))}
          {youthField('interests', t('youth.interests'), 'text', false, t('youth.commas'))}
          {youthField('needs', t('youth.needs'), 'text', false)}
        </fieldset>
        {isSocialWorker ? null : (
          <fieldset className="usa-fieldset">
            <legend className="usa-legend usa-legend--large">{t('youth.socialWorker')}</legend>
            {(['id', 'name', 'email'] as const).map((k) => (
              <FormGroup
                key={k}
                id={`sw-${k}`}
                label={k === 'id' ? t('youth.staffId') : k === 'name' ? t('youth.name') : t('youth.email')}
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
          <legend className="usa-legend usa-legend--large">{t('youth.caregiver')}</legend>
          <FormGroup id="caregiver-name" label={t('youth.name')} error={err('caregiver.name')}>
            <input
              className="usa-input"
              id="caregiver-name"
              required
              value={caregiver.name}
              onChange={(e) => setCaregiver({ ...caregiver, name: e.target.value })}
            />
          </FormGroup>
          <FormGroup id="caregiver-email" label={t('youth.emailOptional')} error={err('caregiver.email')}>
            <input
              className="usa-input"
              id="caregiver-email"
              type="email"
              value={caregiver.email}
              onChange={(e) => setCaregiver({ ...caregiver, email: e.target.value })}
            />
          </FormGroup>
          <EmailLanguageField
            id="caregiver-language"
            value={caregiver.language}
            error={err('caregiver.language')}
            onChange={(language) => setCaregiver({ ...caregiver, language })}
          />
        </fieldset>
        {isSocialWorker ? (
          <FormGroup
            id="referral-cw"
            label={t('youth.caseWorkerId')}
            hint={t('youth.caseWorkerHint')}
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
        <ProblemAlert error={refer.error} heading={t('youth.refused')} />
        <button type="submit" className="usa-button margin-top-3" disabled={refer.isPending}>
          {t('youth.refer')}
        </button>
      </form>
    </Page>
  );
}
