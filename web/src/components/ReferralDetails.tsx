/**
 * A mentor referral as coordinators and referred programs see it: the volunteer (when the
 * API shows them to this person), each program offered with its round, status, due date
 * and why it was chosen, and the outcome. Statuses are written out.
 */
import { humanize } from './format';

interface Offer {
  programId: string;
  programName: string;
  round: number;
  status: string;
  outcome?: string;
  dueAt: string;
  reasons: string[];
  manual?: boolean;
  endedReason?: string;
}
interface Volunteer {
  name: string;
  email: string;
  phone: string;
  county: string;
  ageBand: string;
  languages: string[];
  interests: string[];
  youthAges: { min: number; max: number };
  hoursPerMonth: number;
  format: string;
}

export function ReferralDetails({ details }: { details: Record<string, unknown> }) {
  const v = details.volunteer as Volunteer | undefined;
  const offers = (details.offers ?? []) as Offer[];
  return (
    <section aria-labelledby="referral-heading" className="margin-y-3">
      <h2 id="referral-heading">Referral</h2>
      {v ? (
        <ul className="usa-list usa-list--unstyled mf-facts">
          <li>
            <strong>Volunteer:</strong> {v.name} · {v.email} · {v.phone}
          </li>
          <li>
            <strong>Where:</strong> {v.county} County · {humanize(v.format)}
          </li>
          <li>
            <strong>Mentor:</strong> youth aged {v.youthAges.min}–{v.youthAges.max}, {v.hoursPerMonth} hours a month ·
            age {v.ageBand}
          </li>
          <li>
            <strong>Languages:</strong> {v.languages.join(', ') || '—'}
            {v.interests.length ? ` · Interests: ${v.interests.join(', ')}` : ''}
          </li>
        </ul>
      ) : (
        <p>The volunteer's details are shown to the partnership's coordinators and the programs referred.</p>
      )}
      {details.campaign ? <p>Campaign: {String(details.campaign)}</p> : null}
      <table className="usa-table usa-table--borderless usa-table--stacked">
        <caption>Programs offered</caption>
        <thead>
          <tr>
            <th scope="col">Program</th>
            <th scope="col">Round</th>
            <th scope="col">Status</th>
            <th scope="col">Contact due</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {offers.map((o) => (
            <tr key={`${o.programId}-${o.round}`}>
              <th scope="row" data-label="Program">
                {o.programName}
              </th>
              <td data-label="Round">
                {o.round}
                {o.manual ? ' (picked by hand)' : ''}
              </td>
              <td data-label="Status">
                {humanize(o.status)}
                {o.outcome ? ` — ${humanize(o.outcome).toLowerCase()}` : ''}
                {o.endedReason ? ` (${o.endedReason})` : ''}
              </td>
              <td data-label="Contact due">{o.dueAt.slice(0, 10)}</td>
              <td data-label="Why">{o.reasons.join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {details.outcome ? (
        <p>
          <strong>Outcome:</strong> {humanize(String(details.outcome))}
        </p>
      ) : null}
    </section>
  );
}
