/**
 * Early-childhood cases as their people see them: a mentor's certification (votes cast,
 * period, development hours toward the 12 that renew it, placements held) with the form
 * the mentor logs development in; a placement (mentor, mentee, term, hours and whether the
 * mentor confirmed them, evaluations, stipend) with the form the mentee logs hours in.
 */
import { api, ok } from '../api/client';
import { useSession } from '../session';
import { humanize } from './format';
import { HoursForm } from './HoursForm';

type Details = Record<string, unknown>;
interface Entry {
  id: string;
  date: string;
  hours: number;
  activity: string;
  status: string;
}

/** Development (the mentor's own record) or placement hours (the mentee), posted to the case's own route. */
function LogHours({ caseId, kind }: { caseId: string; kind: 'development' | 'hours' }) {
  return kind === 'development' ? (
    <HoursForm
      id="development"
      caseId={caseId}
      heading="Log professional development"
      textLabel="Topic"
      textField="topic"
      submit="Log"
      post={({ date, hours, text }) =>
        ok(
          api.POST('/api/v1/ece/mentors/{caseId}/development', {
            params: { path: { caseId } },
            body: { date, hours, topic: text },
          }),
        )
      }
    />
  ) : (
    <HoursForm
      id="hours"
      caseId={caseId}
      heading="Log hours"
      textLabel="Activity"
      textField="activity"
      submit="Log"
      post={({ date, hours, text }) =>
        ok(
          api.POST('/api/v1/ece/placements/{caseId}/hours', {
            params: { path: { caseId } },
            body: { date, hours, activity: text },
          }),
        )
      }
    />
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
          <li>
            <strong>Mentor:</strong> {person.name} · {humanize(String(details.role))} · {String(details.site)}
          </li>
          <li>
            <strong>Committee votes cast:</strong> {(details.votes as unknown[]).length}
          </li>
          {details.certifiedUntil ? (
            <li>
              <strong>Certified until:</strong> {String(details.certifiedUntil)}
            </li>
          ) : null}
          <li>
            <strong>Development hours this period:</strong> {String(details.developmentHoursInPeriod)} of 12
          </li>
          <li>
            <strong>Placements held:</strong> {(details.openPlacements as unknown[]).length} of 2
          </li>
        </ul>
        {me === person.id && details.certifiedUntil ? <LogHours caseId={caseId} kind="development" /> : null}
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
        <li>
          <strong>Mentor:</strong> {mentor.name} ({humanize(mentor.role)})
        </li>
        <li>
          <strong>Mentee:</strong> {mentee.name} ({humanize(mentee.kind)})
        </li>
        <li>
          <strong>Term:</strong> {term.start} to {term.end}
          {details.course ? ` · ${String(details.course)}` : ''}
        </li>
        <li>
          <strong>Hours confirmed:</strong> {String(details.hoursConfirmed)}
        </li>
        {details.stipend !== undefined ? (
          <li>
            <strong>Stipend:</strong> ${String(details.stipend)}
          </li>
        ) : null}
      </ul>
      {hours.length ? (
        <table className="usa-table usa-table--borderless">
          <caption>Hours logged</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Hours</th>
              <th scope="col">Activity</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {hours.map((h) => (
              <tr key={h.id}>
                <th scope="row">{h.date}</th>
                <td>{h.hours}</td>
                <td>{h.activity}</td>
                <td>{humanize(h.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {me === mentee.id && ['active', 'evaluation'].includes(String(details.stage)) ? (
        <LogHours caseId={caseId} kind="hours" />
      ) : null}
    </section>
  );
}
