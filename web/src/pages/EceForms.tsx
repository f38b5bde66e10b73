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

export function EceMentorApplication() {
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
    <Page
      title="Certify a mentor"
      lead="The college's selection committee votes; at least three votes and a majority decide. A certification lasts two years."
    >
      <form className="usa-form usa-form--large" onSubmit={submit} aria-label="Mentor certification">
        <TextField
          id="ece-id"
          label="Sign-in id"
          hint="The id the mentor signs in with"
          value={f.id}
          error={err('person.id')}
          onChange={(v) => setF({ ...f, id: v })}
        />
        <TextField
          id="ece-name"
          label="Full name"
          value={f.name}
          error={err('person.name')}
          onChange={(v) => setF({ ...f, name: v })}
        />
        <TextField
          id="ece-email"
          label="E-mail"
          type="email"
          value={f.email}
          error={err('person.email')}
          onChange={(v) => setF({ ...f, email: v })}
        />
        <FormGroup id="ece-role" label="Certify as" error={err('role')}>
          <select
            className="usa-select"
            id="ece-role"
            value={f.role}
            onChange={(e) => setF({ ...f, role: e.target.value as typeof f.role })}
          >
            <option value="mentor_teacher">Mentor Teacher (takes students)</option>
            <option value="director_mentor">Director Mentor (takes new administrators)</option>
          </select>
        </FormGroup>
        <TextField
          id="ece-site"
          label="Site"
          value={f.site}
          error={err('site')}
          onChange={(v) => setF({ ...f, site: v })}
        />
        <FormGroup id="ece-years" label="Years of experience" error={err('yearsExperience')}>
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
          label="Permit level"
          value={f.permitLevel}
          error={err('permitLevel')}
          onChange={(v) => setF({ ...f, permitLevel: v })}
        />
        <TextField
          id="ece-evidence"
          label="Site quality evidence"
          multiline
          value={f.evidence}
          error={err('evidence')}
          onChange={(v) => setF({ ...f, evidence: v })}
        />
        <ProblemAlert error={apply.error} heading="The application was refused" />
        <button type="submit" className="usa-button margin-top-3" disabled={apply.isPending}>
          Send to the committee
        </button>
      </form>
    </Page>
  );
}

export function EcePlacementForm() {
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
    <Page
      title="Place a mentee"
      lead="A student with a Mentor Teacher, a new administrator with a Director Mentor; a mentor holds at most two placements at once."
    >
      <ProblemAlert error={mentors.error} />
      <form className="usa-form usa-form--large" onSubmit={submit} aria-label="Placement">
        <FormGroup id="place-mentor" label="Certified mentor" error={err('mentorCaseId')}>
          <select
            className="usa-select"
            id="place-mentor"
            required
            value={f.mentorCaseId}
            onChange={(e) => setF({ ...f, mentorCaseId: e.target.value })}
          >
            <option value="">{mentors.isPending ? 'Loading…' : '- Select -'}</option>
            {mentors.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.subject.replace(/ certification: /, ': ')}
              </option>
            ))}
          </select>
        </FormGroup>
        <FormGroup id="place-kind" label="Mentee" error={err('mentee.kind')}>
          <select
            className="usa-select"
            id="place-kind"
            value={f.kind}
            onChange={(e) => setF({ ...f, kind: e.target.value as typeof f.kind })}
          >
            <option value="student">A student (practicum)</option>
            <option value="administrator">An administrator seeking mentorship</option>
          </select>
        </FormGroup>
        <TextField
          id="place-id"
          label="Mentee's sign-in id"
          value={f.id}
          error={err('mentee.id')}
          onChange={(v) => setF({ ...f, id: v })}
        />
        <TextField
          id="place-name"
          label="Mentee's name"
          value={f.name}
          error={err('mentee.name')}
          onChange={(v) => setF({ ...f, name: v })}
        />
        <TextField
          id="place-email"
          label="Mentee's e-mail"
          type="email"
          value={f.email}
          error={err('mentee.email')}
          onChange={(v) => setF({ ...f, email: v })}
        />
        <TextField
          id="place-start"
          label="Term starts"
          type="date"
          value={f.start}
          error={err('term.start')}
          onChange={(v) => setF({ ...f, start: v })}
        />
        <TextField
          id="place-end"
          label="Term ends"
          type="date"
          value={f.end}
          error={err('term.end')}
          onChange={(v) => setF({ ...f, end: v })}
        />
        <TextField
          id="place-course"
          label="Practicum course"
          required={false}
          value={f.course}
          error={err('course')}
          onChange={(v) => setF({ ...f, course: v })}
        />
        <ProblemAlert error={place.error} heading="The placement was refused" />
        <button type="submit" className="usa-button margin-top-3" disabled={place.isPending}>
          Place
        </button>
      </form>
    </Page>
  );
}
