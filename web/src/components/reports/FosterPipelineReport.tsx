/**
 * The foster match pipeline for case workers and their supervisors: how many mentors
 * reached each screening step, how long approval took against the 30-day target, how
 * long youth waited from referral to a match, and where the matches stand.
 */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { humanize } from '../format';
import { ProblemAlert } from '../ProblemAlert';
import { BarChart } from './BarChart';

const days = (d: number | null | undefined) => (d === null || d === undefined ? 'no cases yet' : `${d} days`);

export function FosterPipelineReport() {
  const report = useQuery({
    queryKey: ['report-foster'],
    queryFn: () => ok(api.GET('/api/v1/foster/reports/pipeline')),
  });
  const r = report.data;
  return (
    <section aria-labelledby="foster-heading" className="margin-top-4">
      <h2 id="foster-heading">Screening funnel and time to match</h2>
      <ProblemAlert error={report.error} />
      {r ? (
        <>
          <p>Cases opened since {r.since}.</p>
          <dl className="mf-figures">
            <div>
              <dt>Median days from application to approval</dt>
              <dd>{days(r.medianDaysToApproval)}</dd>
            </div>
            <div>
              <dt>Approved within {r.approvedWithinTarget.targetDays} days</dt>
              <dd>
                {r.approvedWithinTarget.within} of {r.approvedWithinTarget.of}
              </dd>
            </div>
            <div>
              <dt>Median days from referral to match</dt>
              <dd>{days(r.medianDaysReferralToMatch)}</dd>
            </div>
          </dl>
          <BarChart
            title="Mentors reaching each screening step"
            rows={r.mentorFunnel}
            label={(s) => s.label}
            series={[{ key: 'cases', label: 'mentors', colour: '#005ea2' }]}
          />
          <table className="usa-table usa-table--borderless">
            <caption>Mentor screening funnel</caption>
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Mentors</th>
              </tr>
            </thead>
            <tbody>
              {r.mentorFunnel.map((s) => (
                <tr key={s.step}>
                  <th scope="row">{s.label}</th>
                  <td>{s.cases}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="usa-table usa-table--borderless">
            <caption>Youth referrals</caption>
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Youth</th>
              </tr>
            </thead>
            <tbody>
              {r.youthFunnel.map((s) => (
                <tr key={s.step}>
                  <th scope="row">{s.label}</th>
                  <td>{s.cases}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="usa-table usa-table--borderless">
            <caption>Matches by stage</caption>
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col">Matches</th>
              </tr>
            </thead>
            <tbody>
              {r.matchesByStage.length ? (
                r.matchesByStage.map((s) => (
                  <tr key={s.stage}>
                    <th scope="row">{humanize(s.stage)}</th>
                    <td>{s.cases}</td>
                  </tr>
                ))
              ) : (
                <tr>
                  <td colSpan={2}>No matches yet.</td>
                </tr>
              )}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
