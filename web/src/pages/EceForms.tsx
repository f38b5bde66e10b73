/**
 * A college coordinator's two forms for early-childhood mentoring (docs/processes/early-childhood.md): apply to
 * certify a teacher or director as a mentor (the college's selection committee votes),
 * and place a student or new administrator with a certified mentor of the right kind for a
 * term. Refusals (kind, capacity, certification) show the rule's message where it applies.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, ok } from '../api/client';
import { fieldError, FormGroup, TextField } from '../components/forms';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useT } from '../i18n/useT';

export function EceMentorApplication() {
  const t = useT();
  const navigate = useNavigate();
  const [f, setF] = useState({
    id: '',
    name: '',
    email: '',
    role: 'mentor_teacher' as 'mentor_teacher' | 'director_mentor',
    site: '',
    years: '5',
    permitLevel: '',
    evidence: '',
  });
  const apply = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/ece/mentors', {
          body: {
            person: { id: f.id, name: f.name, email: f.email },
            role: f.role,
            site: f.site,
            yearsExperience: Number(f.years),
            permitLevel: f.permitLevel,
            evidence: f.evidence,
          },
        }),
      ),
    onSuccess: (c) => void navigate(`/cases/${c.id}`),
  });
  const err = (n: string) => fieldError(apply.error, n);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply.mutate();
  };
  return (
    <Page title={t('ece.certifyTitle')} lead={t('ece.certifyLead')}>
      <form className="usa-form usa-form--large" onSubmit={submit} aria-label={t('ece.certifyForm')}>
        <TextField
          id="ece-id"
          label={t('ece.signInId')}
          hint={t('ece.signInIdHint')}
          value={f.id}
          error={err('person.id')}
          onChange={(v) => setF({ ...f, id: v })}
        />
        <TextField
          id="ece-name"
          label={t('ece.fullName')}
          value={f.name}
          error={err('person.name')}
          onChange={(v) => setF({ ...f, name: v })}
        />
        <TextField
          id="ece-email"
          label={t('ece.email')}
          type="email"
          value={f.email}
          error={err('person.email')}
          onChange={(v) => setF({ ...f, email: v })}
        />
        <FormGroup id="ece-role" label={t('ece.certifyAs')} error={err('role')}>
          <select
            className="usa-select"
            id="ece-role"
            value={f.role}
            onChange={(e) => setF({ ...f, role: e.target.value as typeof f.role })}
          >
            <option value="mentor_teacher">{t('ece.mentorTeacher')}</option>
            <option value="director_mentor">{t('ece.directorMentor')}</option>
          </select>
        </FormGroup>
        <TextField
          id="ece-site"
          label={t('ece.site')}
          value={f.site}
          error={err('site')}
          onChange={(v) => setF({ ...f, site: v })}
        />
        <FormGroup id="ece-years" label={t('ece.years')} error={err('yearsExperience')}>
          <input
            className="usa-input usa-input--small"
            id="ece-years"
            type="number"
            min={0}
            max={60}
            required
            value={f.years}
            onChange={(e) => setF({ ...f, years: e.target.value })}
          />
        </FormGroup>
        <TextField
          id="ece-permit"
          label={t('ece.permit')}
          value={f.permitLevel}
          error={err('permitLevel')}
          onChange={(v) => setF({ ...f, permitLevel: v })}
        />
        <TextField
          id="ece-evidence"
          label={t('ece.evidence')}
          multiline
          value={f.evidence}
          error={err('evidence')}
          onChange={(v) => setF({ ...f, evidence: v })}
        />
        <ProblemAlert error={apply.error} heading={t('ece.refused')} />
        <button type="submit" className="usa-button margin-top-3" disabled={apply.isPending}>
          {t('ece.send')}
        </button>
      </form>
    </Page>
  );
}

export function EcePlacementForm() {
  const t = useT();
  const navigate = useNavigate();
  const mentors = useQuery({
    queryKey: ['cases', 'ece_certification', 'certified'],
    queryFn: () =>
      ok(
        api.GET('/api/v1/cases', {
          params: { query: { type: 'ece_certification', stage: 'certified', status: 'open', limit: 200 } },
        }),
      ),
  });
  const [f, setF] = useState({
    mentorCaseId: '',
    id: '',
    name: '',
    email: '',
    kind: 'student' as 'student' | 'administrator',
    start: '',
    end: '',
    course: '',
  });
  const place = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/ece/placements', {
          body: {
            mentorCaseId: f.mentorCaseId,
            mentee: { id: f.id, name: f.name, email: f.email, kind: f.kind },
            term: { start: f.start, end: f.end },
            ...(f.course ? { course: f.course } : {}),
          },
        }),
      ),
    onSuccess: (c) => void navigate(`/cases/${c.id}`),
  });
  const err = (n: string) => fieldError(place.error, n);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    place.mutate();
  };
  return (
    <Page title={t('ece.placeTitle')} lead={t('ece.placeLead')}>
      <ProblemAlert error={mentors.error} />
      <form className="usa-form usa-form--large" onSubmit={submit} aria-label={t('ece.placeForm')}>
        <FormGroup id="place-mentor" label={t('ece.mentor')} error={err('mentorCaseId')}>
          <select
            className="usa-select"
            id="place-mentor"
            required
            value={f.mentorCaseId}
            onChange={(e) => setF({ ...f, mentorCaseId: e.target.value })}
          >
            <option value="">{mentors.isPending ? t('ece.loading') : t('ece.select')}</option>
            {mentors.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.subject.replace(/ certification: /, ': ')}
              </option>
            ))}
          </select>
        </FormGroup>
        <FormGroup id="place-kind" label={t('ece.mentee')} error={err('mentee.kind')}>
          <select
            className="usa-select"
            id="place-kind"
            value={f.kind}
            onChange={(e) => setF({ ...f, kind: e.target.value as typeof f.kind })}
          >
            <option value="student">{t('ece.student')}</option>
            <option value="administrator">{t('ece.administrator')}</option>
          </select>
        </FormGroup>
        <TextField
          id="place-id"
          label={t('ece.menteeId')}
          value={f.id}
          error={err('mentee.id')}
          onChange={(v) => setF({ ...f, id: v })}
        />
        <TextField
          id="place-name"
          label={t('ece.menteeName')}
          value={f.name}
          error={err('mentee.name')}
          onChange={(v) => setF({ ...f, name: v })}
        />
        <TextField
          id="place-email"
          label={t('ece.menteeEmail')}
          type="email"
          value={f.email}
          error={err('mentee.email')}
          onChange={(v) => setF({ ...f, email: v })}
        />
        <TextField
          id="place-start"
          label={t('ece.termStarts')}
          type="date"
          value={f.start}
          error={err('term.start')}
          onChange={(v) => setF({ ...f, start: v })}
        />
        <TextField
          id="place-end"
          label={t('ece.termEnds')}
          type="date"
          value={f.end}
          error={err('term.end')}
          onChange={(v) => setF({ ...f, end: v })}
        />
        <TextField
          id="place-course"
          label={t('ece.course')}
          required={false}
          value={f.course}
          error={err('course')}
          onChange={(v) => setF({ ...f, course: v })}
        />
        <ProblemAlert error={place.error} heading={t('ece.placeRefused')} />
        <button type="submit" className="usa-button margin-top-3" disabled={place.isPending}>
          {t('ece.place')}
        </button>
      </form>
    </Page>
  );
}
