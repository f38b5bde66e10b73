/**
 * A match's check-in calendar for its case worker: each check-in recorded (when it was
 * due, when it was done, whom they reached, satisfaction, any safety concern), the next
 * one due, and the monthly ones after it up to the anniversary, marked as planned.
 */
import { humanize } from './format';

export interface CheckInRecord {
  dueOn: string;
  recordedAt: string;
  contactMentor: boolean;
  contactYouth: boolean;
  contactCaregiver: boolean;
  satisfaction: number;
  safetyConcern: boolean;
}

const day = (iso: string) => iso.slice(0, 10);

/** The monthly dates from `from` (inclusive) until before `until`. */
function monthly(from: string, until?: string): string[] {
  const out: string[] = [];
  const start = new Date(from);
  const end = until ? Date.parse(until) : start.getTime() + 365 * 86_400_000;
  for (let i = 0; i < 24; i++) {
    const d = new Date(start);
    d.setUTCMonth(start.getUTCMonth() + i);
    if (d.getTime() >= end) break;
    out.push(d.toISOString());
  }
  return out;
}

export function MatchCalendar({
  checkIns,
  nextDue,
  anniversaryAt,
}: {
  checkIns: CheckInRecord[];
  nextDue?: string;
  anniversaryAt?: string;
}) {
  const planned = nextDue ? monthly(nextDue, anniversaryAt) : [];
  const reached = (c: CheckInRecord) =>
    (['contactMentor', 'contactYouth', 'contactCaregiver'] as const)
      .filter((k) => c[k])
      .map((k) => humanize(k.replace('contact', '')))
      .join(', ') || 'nobody';
  if (!checkIns.length && !planned.length) return null;
  return (
    <table className="usa-table usa-table--borderless usa-table--stacked">
      <caption>Check-in calendar</caption>
      <thead>
        <tr>
          <th scope="col">Due</th>
          <th scope="col">Status</th>
          <th scope="col">Reached</th>
          <th scope="col">Satisfaction</th>
        </tr>
      </thead>
      <tbody>
        {checkIns.map((c) => (
          <tr key={c.dueOn}>
            <th scope="row" data-label="Due">
              {day(c.dueOn)}
            </th>
            <td data-label="Status">
              Done {day(c.recordedAt)}
              {c.safetyConcern ? ' — safety concern raised' : ''}
            </td>
            <td data-label="Reached">{reached(c)}</td>
            <td data-label="Satisfaction">{c.satisfaction} of 5</td>
          </tr>
        ))}
        {planned.map((d, i) => (
          <tr key={d}>
            <th scope="row" data-label="Due">
              {day(d)}
            </th>
            <td data-label="Status">{i === 0 ? (Date.parse(d) < Date.now() ? 'Late' : 'Next') : 'Planned'}</td>
            <td data-label="Reached">–</td>
            <td data-label="Satisfaction">–</td>
          </tr>
        ))}
        {anniversaryAt ? (
          <tr>
            <th scope="row" data-label="Due">
              {day(anniversaryAt)}
            </th>
            <td data-label="Status">Anniversary: recommit or close</td>
            <td data-label="Reached">–</td>
            <td data-label="Satisfaction">–</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
