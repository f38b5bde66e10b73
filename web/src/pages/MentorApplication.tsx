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
import { commaList as list, fieldError, FormGroup, TextField } from '../components/forms';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';

const blankRef = { name: '', email: '', relationship: '' };

/** `caller`: a wellness caller's application (their sign-in id, one reference, the shorter screening). */
export function MentorApplication({ caller = false }: { caller?: boolean }) {
  const navigate = useNavigate();
  const [a, setA] = useState({
    name: '',
    email: '',
    phone: '',
    dateOfBirth: '',
    languages: 'English',
    interests: '',
    formerFosterYouth: false,
    county: '',
    id: '',
  });
  const [refs, setRefs] = useState(caller ? [{ ...blankRef }] : [{ ...blankRef }, { ...blankRef }]);
  const apply = useMutation({
    mutationFn: () => {
      const { id, county, ...rest } = a;
      const applicant = {
        ...rest,
        languages: list(a.languages),
        interests: list(a.interests),
        ...(county ? { county } : {}),
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
      title={caller ? 'New caller application' : 'New mentor application'}
      lead={
        caller
          ? "The shorter screening starts when you submit: identity and registry checks, the reference's answer, two training hours."
          : "Screening starts when you submit: background checks, an interview and the references' answers."
      }
    >
      <form
        className="usa-form usa-form--large"
        onSubmit={submit}
        aria-label={caller ? 'Caller application' : 'Mentor application'}
      >
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">The applicant</legend>
          {text('name', 'Full name')}
          {text('email', 'E-mail', 'email')}
          {text('phone', 'Phone', 'tel')}
          {text('dateOfBirth', 'Date of birth', 'date')}
          {text('languages', 'Languages', 'text', 'Separate them with commas')}
          {text('interests', 'Interests', 'text', 'Separate them with commas')}
          {text('county', 'County where they live', 'text', 'Used to suggest matches nearby')}
          {caller ? text('id', 'Sign-in id', 'text', 'The id the caller signs in with, to log their calls') : null}
          <div className="usa-checkbox margin-top-2">
            <input
              className="usa-checkbox__input"
              id="mentor-ffy"
              type="checkbox"
              checked={a.formerFosterYouth}
              onChange={(e) => setA({ ...a, formerFosterYouth: e.target.checked })}
            />
            <label className="usa-checkbox__label" htmlFor="mentor-ffy">
              Was in foster care as a young person
            </label>
          </div>
        </fieldset>
        {refs.map((r, i) => (
          <fieldset className="usa-fieldset" key={i}>
            <legend className="usa-legend usa-legend--large">Reference {i + 1}</legend>
            {(['name', 'email', 'relationship'] as const).map((k) => (
              <FormGroup
                key={k}
                id={`ref${i}-${k}`}
                label={k === 'name' ? 'Name' : k === 'email' ? 'E-mail' : 'How they know the applicant'}
                error={err(`references.${i}.${k}`)}
              >
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
            Add another reference
          </button>
        ) : null}
        <ProblemAlert error={apply.error} heading="The application was refused" />
        <button type="submit" className="usa-button margin-top-3" disabled={apply.isPending}>
          Start screening
        </button>
      </form>
    </Page>
  );
}
