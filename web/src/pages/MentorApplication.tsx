/**
 * A case worker enters a mentor's application (from the volunteer's paper or phone
 * application): who they are, what they speak and like, whether they were in foster care
 * themselves, and two references who will get a one-time link to answer. Screening starts
 * at once: four background checks, the interview, the references.
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

const blankRef = { name: '', email: '', relationship: '' };

/** `caller`: a wellness caller's application (their sign-in id, one reference, the shorter screening). */
export function MentorApplication({ caller = false }: { caller?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const [a, setA] = useState({
    name: '',
    email: '',
    phone: '',
    dateOfBirth: '',
    languages: 'English',
    interests: '',
    formerFosterYouth: false,
    language: '' as EmailLanguage | '',
    county: '',
    id: '',
  });
  const [refs, setRefs] = useState(caller ? [{ ...blankRef }] : [{ ...blankRef }, { ...blankRef }]);
  const apply = useMutation({
    mutationFn: () => {
      const { id, county, language, ...rest } = a;
      const applicant = {
        ...rest,
        languages: list(a.languages),
        interests: list(a.interests),
        ...(county ? { county } : {}),
        ...(language ? { language } : {}),
      };
      return caller
        ? ok(api.POST('/api/v1/wellness/callers', { body: { applicant: { ...applicant, id }, references: refs } }))
        : ok(api.POST('/api/v1/foster/mentors', { body: { applicant, references: refs } }));
    },
    onSuccess: (c) => void navigate(`/cases/${c.id}`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply.mutate();
  };
  const err = (name: string) => fieldError(apply.error, name);
  const text = (
    k: 'name' | 'email' | 'phone' | 'dateOfBirth' | 'languages' | 'interests' | 'county' | 'id',
    label: string,
    type = 'text',
    hint?: string,
  ) => (
    <TextField
      id={`mentor-${k}`}
      label={label}
      type={type}
      hint={hint}
      required={!['languages', 'interests', 'county'].includes(k)}
      error={err(`applicant.${k}`)}
      value={a[k]}
      onChange={(v) => setA({ ...a, [k]: v })}
    />
  );
  return (
    <Page
      title={caller ? t('apply.callerTitle') : t('apply.mentorTitle')}
      lead={caller ? t('apply.callerLead') : t('apply.mentorLead')}
    >
      <form
        className="usa-form usa-form--large"
        onSubmit={submit}
        aria-label={caller ? t('apply.callerForm') : t('apply.mentorForm')}
      >
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">{t('apply.applicant')}</legend>
          {text('name', t('volunteer.name'))}
          {text('email', t('volunteer.email'), 'email')}
          {text('phone', t('volunteer.phone'), 'tel')}
          {text('dateOfBirth', t('apply.dateOfBirth'), 'date')}
          {text('languages', t('apply.languages'), 'text', t('form.commas'))}
          {text('interests', t('volunteer.interests'), 'text', t('form.commas'))}
          <EmailLanguageField
            id="mentor-language"
            value={a.language}
            error={err('applicant.language')}
            onChange={(language) => setA({ ...a, language })}
          />
          {text('county', t('apply.county'), 'text', t('apply.countyHint'))}
          {caller ? text('id', t('apply.signInId'), 'text', t('apply.signInIdHint')) : null}
          <div className="usa-checkbox margin-top-2">
            <input
              className="usa-checkbox__input"
              id="mentor-ffy"
              type="checkbox"
              checked={a.formerFosterYouth}
              onChange={(e) => setA({ ...a, formerFosterYouth: e.target.checked })}
            />
            <label className="usa-checkbox__label" htmlFor="mentor-ffy">
              {t('apply.formerFosterYouth')}
            </label>
          </div>
        </fieldset>
        {refs.map((r, i) => (
          <fieldset className="usa-fieldset" key={i}>
            <legend className="usa-legend usa-legend--large">{t('apply.reference', { n: i + 1 })}</legend>
            {(['name', 'email', 'relationship'] as const).map((k) => (
              <FormGroup key={k} id={`ref${i}-${k}`} label={t(`apply.ref.${k}`)} error={err(`references.${i}.${k}`)}>
                <input
                  className="usa-input"
                  id={`ref${i}-${k}`}
                  type={k === 'email' ? 'email' : 'text'}
                  required
                  value={r[k]}
                  onChange={(e) => setRefs(refs.map((x, j) => (j === i ? { ...x, [k]: e.target.value } : x)))}
                />
              </FormGroup>
            ))}
          </fieldset>
        ))}
        {refs.length < (caller ? 3 : 5) ? (
          <button
            type="button"
            className="usa-button usa-button--unstyled margin-top-2"
            onClick={() => setRefs([...refs, { ...blankRef }])}
          >
            {t('apply.addReference')}
          </button>
        ) : null}
        <ProblemAlert error={apply.error} heading={t('apply.refused')} />
        <button type="submit" className="usa-button margin-top-3" disabled={apply.isPending}>
          {t('apply.start')}
        </button>
      </form>
    </Page>
  );
}
