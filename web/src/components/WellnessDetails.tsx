/**
 * Wellness check-ins as the referrer, coordinators and the caller see them: the youth and
 * how to reach them, the caller, and the call log (reached, minutes, mood, needs, notes).
 */
import { humanize } from './format';

interface Call {
  n: number;
  loggedAt: string;
  reached: boolean;
  minutes: number;
  mood?: number;
  needs: string[];
  notes?: string;
}

export function WellnessDetails({ details }: { details: Record<string, unknown> }) {
  // A coordinator choosing a caller sees the county and languages only (no name, birth date or contact).
  const youth = details.youth as
    | { name?: string; dateOfBirth?: string; county: string; languages: string[] }
    | undefined;
  const contact = details.contact as { phone: string; preferredTimes: string } | undefined;
  const caller = details.caller as { name: string } | undefined;
  const calls = (details.calls ?? []) as Call[];
  return (
    <section aria-labelledby="wellness-heading" className="margin-y-3">
      <h2 id="wellness-heading">Check-in calls</h2>
      <ul className="usa-list usa-list--unstyled mf-facts">
        {youth ? (
          <li>
            <strong>Youth:</strong> {youth.name ? `${youth.name}, ` : ''}
            {youth.dateOfBirth ? `born ${youth.dateOfBirth}, ` : ''}
            {youth.county} County · speaks {youth.languages.join(', ') || '—'}
          </li>
        ) : null}
        {contact ? (
          <li>
            <strong>Contact:</strong> {contact.phone} · {contact.preferredTimes}
          </li>
        ) : null}
        <li>
          <strong>Referred from:</strong> {humanize(String(details.source ?? ''))}
        </li>
        <li>
          <strong>Caller:</strong> {caller ? caller.name : 'not assigned yet'}
        </li>
        <li>
          <strong>Calls:</strong> {calls.length} of {String(details.plannedCalls ?? 3)} planned
          {details.nextCallAt ? ` · next on ${String(details.nextCallAt).slice(0, 10)}` : ''}
        </li>
      </ul>
      {calls.length ? (
        <table className="usa-table usa-table--borderless usa-table--stacked">
          <caption>Call log</caption>
          <thead>
            <tr>
              <th scope="col">Call</th>
              <th scope="col">Logged</th>
              <th scope="col">Reached</th>
              <th scope="col">Minutes</th>
              <th scope="col">Mood (1-5)</th>
              <th scope="col">Needs</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((c) => (
              <tr key={c.n}>
                <th scope="row" data-label="Call">
                  {c.n}
                </th>
                <td data-label="Logged">{c.loggedAt.slice(0, 10)}</td>
                <td data-label="Reached">{c.reached ? 'Yes' : 'No'}</td>
                <td data-label="Minutes">{c.minutes}</td>
                <td data-label="Mood (1-5)">{c.mood ?? '—'}</td>
                <td data-label="Needs">{c.needs.map(humanize).join(', ') || '—'}</td>
                <td data-label="Notes">{c.notes ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
