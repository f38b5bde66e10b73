/**
 * The certification pipeline for quality reviewers and the review lead: open cases by
 * stage, programs by level, and certificates that end within 90 days (renewals to chase).
 */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { humanize } from '../format';
import { ProblemAlert } from '../ProblemAlert';
import { BarChart } from './BarChart';

export function CertificationPipelineReport() {
  const report = useQuery({
    queryKey: ['report-certification'],
    queryFn: () => ok(api.GET('/api/v1/certifications/reports/pipeline')),
  });
  const r = report.data;
  return (
    <section aria-labelledby="certification-heading" className="margin-top-4">
      <h2 id="certification-heading">Certification pipeline</h2>
      <ProblemAlert error={report.error} />
      {r ? (
        <>
          {r.openByStage.length ? (
            <BarChart
              title="Open certification cases by stage"
              rows={r.openByStage.map((s) => ({ ...s, label: humanize(s.stage) }))}
              label={(s) => s.label}
              series={[{ key: 'cases', label: 'cases', colour: '#005ea2' }]}
            />
          ) : (
            <p>No certification cases open.</p>
          )}
          <table className="usa-table usa-table--borderless">
            <caption>Programs by level</caption>
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">Programs</th>
              </tr>
            </thead>
            <tbody>
              {r.programsByLevel.map((l) => (
                <tr key={l.level}>
                  <th scope="row">{humanize(l.level)}</th>
                  <td>{l.programs}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="usa-table usa-table--borderless">
            <caption>Certificates ending within 90 days</caption>
            <thead>
              <tr>
                <th scope="col">Program</th>
                <th scope="col">Level</th>
                <th scope="col">Certified until</th>
              </tr>
            </thead>
            <tbody>
              {r.endingSoon.length ? (
                r.endingSoon.map((p) => (
                  <tr key={p.programId}>
                    <th scope="row">{p.name}</th>
                    <td>{humanize(p.level)}</td>
                    <td>{p.certifiedUntil}</td>
                  </tr>
                ))
              ) : (
                <tr>
                  <td colSpan={3}>None.</td>
                </tr>
              )}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
