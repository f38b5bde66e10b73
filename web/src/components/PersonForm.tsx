/**
 * A person of the directory as an administrator writes them: name, e-mail, language, their
 * roles each with its scope, their supervisor, active or not (and, for a change, why).
 * Used to add someone and to change someone; the API checks it all and names each problem.
 */
import { useState, type FormEvent } from 'react';
import type { components } from '../api/generated/schema';
import { FormGroup, fieldError, TextField } from './forms';
import { ProblemAlert } from './ProblemAlert';
import { LANGUAGES } from '../i18n/locale';
import { useT } from '../i18n/useT';

export type PersonRole = components['schemas']['PersonRoleInput'];
type RoleName = PersonRole['role'];
export interface PersonDraft {
  id: string;
  name: string;
  email: string;
  language: 'en' | 'es';
  roles: PersonRole[];
  supervisorId: string;
  active: boolean;
  reason: string;
}

/** Every role the API knows, checked against its generated types: a role added there fails this build until listed. */
const ROLE_SET: Record<RoleName, true> = {
  employee: true,
  supervisor: true,
  hr_officer: true,
  org_coordinator: true,
  case_worker: true,
  case_supervisor: true,
  social_worker: true,
  program_staff: true,
  quality_reviewer: true,
  review_lead: true,
  admin: true,
  partnership_coordinator: true,
  caller: true,
  school_counselor: true,
  college_coordinator: true,
  selection_committee: true,
  ece_mentor: true,
  ece_student: true,
};
export const ROLE_NAMES = Object.keys(ROLE_SET) as RoleName[];

/** The directory's languages, each by its own name. */
const PERSON_LANGUAGES = LANGUAGES.filter((l) => l.code === 'en' || l.code === 'es');

/** A role's scope fields and their messages. */
const SCOPES = [
  ['department', 'personForm.department'],
  ['programId', 'personForm.programId'],
  ['collegeId', 'personForm.collegeId'],
  ['county', 'personForm.county'],
] as const;

/** Empty scope fields are left out of what is sent. */
export const cleanRoles = (roles: PersonRole[]): PersonRole[] =>
  roles.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== '' && v !== undefined)) as PersonRole);

export function PersonForm({
  initial,
  isNew,
  pending,
  error,
  onSubmit,
  submitLabel,
}: {
  initial: PersonDraft;
  isNew: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (draft: PersonDraft) => void;
  submitLabel: string;
}) {
  const t = useT();
  const [p, setP] = useState<PersonDraft>(initial);
  const prefix = isNew ? 'new-person' : 'edit-person';
  const setRole = (i: number, change: Partial<PersonRole>) =>
    setP({ ...p, roles: p.roles.map((r, j) => (j === i ? { ...r, ...change } : r)) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(p);
  };
  return (
    <form
      className="usa-form usa-form--large"
      onSubmit={submit}
      aria-label={isNew ? t('personForm.add') : t('personForm.change')}
    >
      {isNew ? (
        <TextField
          id={`${prefix}-id`}
          label={t('personForm.id')}
          hint={t('personForm.idHint')}
          value={p.id}
          error={fieldError(error, 'id')}
          onChange={(id) => setP({ ...p, id })}
        />
      ) : null}
      <TextField
        id={`${prefix}-name`}
        label={t('personForm.name')}
        value={p.name}
        error={fieldError(error, 'name')}
        onChange={(name) => setP({ ...p, name })}
      />
      <TextField
        id={`${prefix}-email`}
        label={t('personForm.email')}
        type="email"
        value={p.email}
        error={fieldError(error, 'email')}
        onChange={(email) => setP({ ...p, email })}
      />
      <FormGroup id={`${prefix}-language`} label={t('personForm.language')}>
        <select
          className="usa-select"
          id={`${prefix}-language`}
          value={p.language}
          onChange={(e) => setP({ ...p, language: e.target.value as 'en' | 'es' })}
        >
          {PERSON_LANGUAGES.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>
              {l.name}
            </option>
          ))}
        </select>
      </FormGroup>
      <fieldset className="usa-fieldset margin-top-3">
        <legend className="usa-legend">{t('personForm.roles')}</legend>
        {p.roles.map((r, i) => (
          <div key={i} className="border-1px border-base-lighter padding-2 margin-top-1">
            <FormGroup id={`${prefix}-role-${i}`} label={t('personForm.role', { n: i + 1 })}>
              <select
                className="usa-select"
                id={`${prefix}-role-${i}`}
                value={r.role}
                onChange={(e) => setRole(i, { role: e.target.value as RoleName })}
              >
                {ROLE_NAMES.map((name) => (
                  <option key={name} value={name}>
                    {t(`role.${name}`)}
                  </option>
                ))}
              </select>
            </FormGroup>
            {SCOPES.map(([k, label]) => (
              <TextField
                key={k}
                id={`${prefix}-role-${i}-${k}`}
                label={t(label)}
                required={false}
                value={r[k] ?? ''}
                error={fieldError(error, `roles.${i}.${k}`)}
                onChange={(v) => setRole(i, { [k]: v })}
              />
            ))}
            <button
              type="button"
              className="usa-button usa-button--unstyled margin-top-1"
              onClick={() => setP({ ...p, roles: p.roles.filter((_, j) => j !== i) })}
            >
              {t('personForm.removeRole', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="usa-button usa-button--outline margin-top-2"
          onClick={() => setP({ ...p, roles: [...p.roles, { role: 'employee' }] })}
        >
          {t('personForm.addRole')}
        </button>
      </fieldset>
      <TextField
        id={`${prefix}-supervisor`}
        label={t('personForm.supervisor')}
        required={false}
        value={p.supervisorId}
        error={fieldError(error, 'supervisorId')}
        onChange={(supervisorId) => setP({ ...p, supervisorId })}
      />
      <div className="usa-checkbox margin-top-3">
        <input
          className="usa-checkbox__input"
          id={`${prefix}-active`}
          type="checkbox"
          checked={p.active}
          onChange={(e) => setP({ ...p, active: e.target.checked })}
        />
        <label className="usa-checkbox__label" htmlFor={`${prefix}-active`}>
          {t('personForm.active')}
        </label>
      </div>
      {isNew ? null : (
        <TextField
          id={`${prefix}-reason`}
          label={t('personForm.reason')}
          required={false}
          value={p.reason}
          onChange={(reason) => setP({ ...p, reason })}
        />
      )}
      <ProblemAlert error={error} heading={t('personForm.refused')} />
      <button type="submit" className="usa-button margin-top-3" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
