/**
 * An employee's mentoring leave: their enrollments (one per year), and the enrollment form
 * when this year has none — the program from the directory (Partner programs only), the
 * supervisor who will approve their requests, their bargaining unit and appointment, and
 * the dates of their mentoring commitment. The rules (eligibility, one school year) are
 * the API's; a refusal names the rule beside the form.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { api, ok } from '../api/client';
import { describedBy, fieldError, FormGroup } from '../components/forms';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useSession } from '../session';
import { useT } from '../i18n/useT';
import { useNames } from '../i18n/names';

const APPOINTMENTS = [
  'permanent',
  'probationary_after_permanent',
  'probationary',
  'temporary',
  'limited_term',
] as const;
type Appointment = (typeof APPOINTMENTS)[number];

export function MyLeave() {
  const t = useT();
  const name = useNames();
  const session = useSession()!;
  const mine = useQuery({
    queryKey: ['cases', 'mentoring_leave'],
    queryFn: () => ok(api.GET('/api/v1/cases', { params: { query: { type: 'mentoring_leave' } } })),
  });
  const year = new Date().getFullYear();
  const thisYear = mine.data?.items.some((c) => c.subject.includes(String(year)));
  return (
    <Page title={t('leave.title')} lead={t('leave.lead', { hours: 40 })}>
      <ProblemAlert error={mine.error} />
      {mine.data?.items.length ? (
        <ul className="usa-list">
          {mine.data.items.map((c) => (
            <li key={c.id}>
              <Link className="usa-link" to={`/cases/${c.id}`}>
                {c.subject}
              </Link>{' '}
              — {name('stage', c.stage)}
            </li>
          ))}
        </ul>
      ) : null}
      {mine.data && !thisYear && session.person.roles.includes('employee') ? <EnrollForm year={year} /> : null}
    </Page>
  );
}

function EnrollForm({ year }: { year: number }) {
  const t = useT();
  const session = useSession()!;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const programs = useQuery({
    queryKey: ['programs', 'partner'],
    queryFn: () => ok(api.GET('/api/v1/programs', { params: { query: { level: 'partner', limit: 200 } } })),
  });
  const [f, setF] = useState({
    programId: '',
    supervisorId: '',
    supervisorName: '',
    supervisorEmail: '',
    bargainingUnit: '1',
    appointment: 'permanent' as Appointment,
    startDate: `${year}-01-15`,
    endDate: `${year + 1}-06-15`,
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const enroll = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/mentoring-leave/enrollments', {
          body: {
            employee: {
              id: session.person.id,
              name: session.person.name ?? session.person.id,
              email: session.person.email ?? '',
              department: session.person.department ?? '',
              bargainingUnit: f.bargainingUnit === 'excluded' ? 'excluded' : Number(f.bargainingUnit),
              appointment: f.appointment,
            },
            supervisor: { id: f.supervisorId, name: f.supervisorName, email: f.supervisorEmail },
            program: { programId: f.programId },
            commitment: { startDate: f.startDate, endDate: f.endDate },
          },
        }),
      ),
    onSuccess: (c) => {
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      void navigate(`/cases/${c.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    enroll.mutate();
  };
  const err = (name: string) => fieldError(enroll.error, name);
  return (
    <form className="usa-form usa-form--large" onSubmit={submit} aria-labelledby="enroll-heading">
      <h2 id="enroll-heading">{t('leave.enrollFor', { year: String(year) })}</h2>
      <FormGroup id="enroll-program" label={t('leave.program')} hint={t('leave.programHint')} error={err('programId')}>
        <select
          className="usa-select"
          id="enroll-program"
          required
          value={f.programId}
          onChange={set('programId')}
          aria-describedby={describedBy('enroll-program', 'h', err('programId'))}
        >
          <option value="">{t('form.select')}</option>
          {programs.data?.items.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.county})
            </option>
          ))}
        </select>
      </FormGroup>
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">{t('leave.supervisor')}</legend>
        <FormGroup id="enroll-sup-id" label={t('leave.supervisorId')} error={err('supervisor.id')}>
          <input
            className="usa-input"
            id="enroll-sup-id"
            required
            value={f.supervisorId}
            onChange={set('supervisorId')}
          />
        </FormGroup>
        <FormGroup id="enroll-sup-name" label={t('leave.supervisorName')} error={err('supervisor.name')}>
          <input
            className="usa-input"
            id="enroll-sup-name"
            required
            autoComplete="off"
            value={f.supervisorName}
            onChange={set('supervisorName')}
          />
        </FormGroup>
        <FormGroup id="enroll-sup-email" label={t('leave.supervisorEmail')} error={err('supervisor.email')}>
          <input
            className="usa-input"
            id="enroll-sup-email"
            type="email"
            required
            value={f.supervisorEmail}
            onChange={set('supervisorEmail')}
          />
        </FormGroup>
      </fieldset>
      <FormGroup id="enroll-bu" label={t('leave.unit')} hint={t('leave.unitHint')} error={err('bargainingUnit')}>
        <input
          className="usa-input usa-input--small"
          id="enroll-bu"
          required
          value={f.bargainingUnit}
          onChange={set('bargainingUnit')}
          aria-describedby="enroll-bu-hint"
        />
      </FormGroup>
      <FormGroup id="enroll-appointment" label={t('leave.appointment')} error={err('appointment')}>
        <select className="usa-select" id="enroll-appointment" value={f.appointment} onChange={set('appointment')}>
          {APPOINTMENTS.map((a) => (
            <option key={a} value={a}>
              {t(`leave.appointment.${a}`)}
            </option>
          ))}
        </select>
      </FormGroup>
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">{t('leave.commitment')}</legend>
        <FormGroup id="enroll-start" label={t('leave.start')} error={err('startDate')}>
          <input
            className="usa-input"
            id="enroll-start"
            type="date"
            required
            value={f.startDate}
            onChange={set('startDate')}
          />
        </FormGroup>
        <FormGroup id="enroll-end" label={t('leave.end')} error={err('endDate')}>
          <input
            className="usa-input"
            id="enroll-end"
            type="date"
            required
            value={f.endDate}
            onChange={set('endDate')}
          />
        </FormGroup>
      </fieldset>
      <ProblemAlert error={enroll.error} heading={t('leave.refused')} />
      <button type="submit" className="usa-button margin-top-3" disabled={enroll.isPending}>
        {t('leave.enroll')}
      </button>
    </form>
  );
}
