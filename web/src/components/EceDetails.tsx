/**
 * Early-childhood cases as their people see them: a mentor's certification (votes cast,
 * period, development hours toward the 12 that renew it, placements held) with the form
 * the mentor logs development in; a placement (mentor, mentee, term, hours and whether the
 * mentor confirmed them, evaluations, stipend) with the form the mentee logs hours in.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { useSession } from '../session';
import { humanize } from './format';
import { fieldError, FormGroup, TextField } from './forms';
import { ProblemAlert } from './ProblemAlert';

type Details = Record<string, unknown>;
interface Entry { id: string; date: string; hours: number; activity: string; status: string }

/** Date, hours and a description, posted to the case's own route (development or hours). */
function HoursForm({ caseId, kind }: { caseId: string; kind: 'development' | 'hours' }) {
  const queryClient = useQueryClient();
  const [f, setF] = useState({ date: new Date().toISOString().slice(0, 10), hours: '1', text: '' });
  const log = useMutation({
    mutationFn: () => (kind === 'development'
      ? ok(api.POST('/api/v1/ece/mentors/{caseId}/development', { params: { path: { caseId } }, body: { date: f.date, hours: Number(f.hours), topic: f.text } }))
      : ok(api.POST('/api/v1/ece/placements/{caseId}/hours', { params: { path: { caseId } }, body: { date: f.date, hours: Number(f.hours), activity: f.text } }))),
    onSuccess: () => {
      setF({ ...f, text: '' });
      void queryClient.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });
  const label = kind === 'development' ? 'Topic' : 'Activity';
  const submit = (e: FormEvent) => { e.preventDefault(); log.mutate(); };
  return (
    <form className="usa-form" onSubmit={submit} aria-labelledby={`${kind}-heading`}>
      <h3 id={`${kind}-heading`}>{kind === 'development' ? 'Log professional development' : 'Log hours'}</h3>
      <TextField id={`${kind}-date`} label="Date" type="date" value={f.date} error={fieldError(log.error, 'date')} onChange={(v) => setF({ ...f, date: v })} />
      <FormGroup id={`${kind}-hours`} label="Hours" error={fieldError(log.error, 'hours')}>
        <input className="usa-input usa-input--small" id={`${kind}-hours`} type="number" min={0.25} max={24} step={0.25} required value={f.hours} onChange={(e) => setF({ ...f, hours: e.target.value })} />
      </FormGroup>
      <TextField id={`${kind}-text`} label={label} value={f.text} error={fieldError(log.error, kind === 'development' ? 'topic' : 'activity')} onChange={(v) => setF({ ...f, text: v })} />
      <ProblemAlert error={log.error} heading="This was refused" />
      <button type="submit" className="usa-button margin-top-2" disabled={log.isPending}>Log</button>
    </form>
  );
}

export function EceDetails({ type, caseId, details }: { type: string; caseId: string; details: Details }) {
  const me = useSession()?.person.id;
  if (type === 'ece_certification') {
    const person = details.person as { id: string; name: string };
    return (
      <section aria-labelledby="ece-heading" className="margin-y-3">
        <h2 id="ece-heading">Certification</h2>
        <ul className="usa-list usa-list--unstyled mf-facts">
          <li><strong>Mentor:</strong> {person.name} · {humanize(String(details.role))} · {String(details.site)}</li>
          <li><strong>Committee votes cast:</strong> {(details.votes as unknown[]).length}</li>
          {details.certifiedUntil ? <li><strong>Certified until:</strong> {String(details.certifiedUntil)}</li> : null}
          <li><strong>Development hours this period:</strong> {String(details.developmentHoursInPeriod)} of 12</li>
          <li><strong>Placements held:</strong> {(details.openPlacements as unknown[]).length} of 2</li>
        </ul>
        {me === person.id && details.certifiedUntil ? <HoursForm caseId={caseId} kind="development" /> : null}
      </section>
    );
  }
  const mentor = details.mentor as { name: string; role: string };
  const mentee = details.mentee as { id: string; name: string; kind: string };
  const term = details.term as { start: string; end: string };
  const hours = (details.hours ?? []) as Entry[];
  return (
    <section aria-labelledby="placement-heading" className="margin-y-3">
      <h2 id="placement-heading">Placement</h2>
      <ul className="usa-list usa-list--unstyled mf-facts">
        <li><strong>Mentor:</strong> {mentor.name} ({humanize(mentor.role)})</li>
        <li><strong>Mentee:</strong> {mentee.name} ({humanize(mentee.kind)})</li>
        <li><strong>Term:</strong> {term.start} to {term.end}{details.course ? ` · ${String(details.course)}` : ''}</li>
        <li><strong>Hours confirmed:</strong> {String(details.hoursConfirmed)}</li>
        {details.stipend !== undefined ? <li><strong>Stipend:</strong> ${String(details.stipend)}</li> : null}
      </ul>
      {hours.length ? (
        <table className="usa-table usa-table--borderless">
          <caption>Hours logged</caption>
          <thead><tr><th scope="col">Date</th><th scope="col">Hours</th><th scope="col">Activity</th><th scope="col">Status</th></tr></thead>
          <tbody>{hours.map((h) => <tr key={h.id}><th scope="row">{h.date}</th><td>{h.hours}</td><td>{h.activity}</td><td>{humanize(h.status)}</td></tr>)}</tbody>
        </table>
      ) : null}
      {me === mentee.id && ['active', 'evaluation'].includes(String(details.stage)) ? <HoursForm caseId={caseId} kind="hours" /> : null}
    </section>
  );
}
