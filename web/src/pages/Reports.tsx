/**
 * Reports, each shown to the people who run that part of the work: leave usage and the
 * payroll export (HR),
 * open tasks by type (every supervising role), the screening funnel and time to match
 * (case workers and supervisors), the certification pipeline (reviewers), volunteer
 * referrals per campaign and county (the partnership's coordinators). The year of
 * the usage report is kept in the URL.
 */
import { useSearchParams } from 'react-router-dom';
import { Page } from '../components/Page';
import { CertificationPipelineReport } from '../components/reports/CertificationPipelineReport';
import { FosterPipelineReport } from '../components/reports/FosterPipelineReport';
import { LeaveUsageReport } from '../components/reports/LeaveUsageReport';
import { PayrollExports } from '../components/reports/PayrollExports';
import { TaskLoadReport } from '../components/reports/TaskLoadReport';
import { ReferralReport } from '../components/reports/ReferralReport';
import { StipendExport } from '../components/reports/StipendExport';
import { useSession } from '../session';
import { readsReports, REPORT_ROLES } from '../roles';
import { useT } from '../i18n/useT';

export function Reports() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const roles = useSession()?.person.roles ?? [];
  const may = (which: keyof typeof REPORT_ROLES) => REPORT_ROLES[which].some((r) => roles.includes(r));
  const year = Number(params.get('year') ?? new Date().getFullYear());
  return (
    <Page title={t('reports.title')}>
      {may('usage') ? (
        <LeaveUsageReport year={year} setYear={(y) => setParams({ year: y }, { replace: true })} />
      ) : null}
      {may('usage') ? <PayrollExports admin={roles.includes('admin')} /> : null}
      {may('tasks') ? <TaskLoadReport /> : null}
      {may('foster') ? <FosterPipelineReport /> : null}
      {may('certification') ? <CertificationPipelineReport /> : null}
      {may('referrals') ? <ReferralReport /> : null}
      {may('stipends') ? <StipendExport /> : null}
      {!readsReports(roles) ? <p>{t('reports.none')}</p> : null}
    </Page>
  );
}
