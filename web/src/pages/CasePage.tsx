/**
 * One case, as the people who work it look at it: where it stands, what its process keeps
 * (the leave ledger as a bar; other processes' details as a list for now), the open tasks
 * the person can act on as forms, and the timeline with actor and reason.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router-dom';
import { api, ok, type Task } from '../api/client';
import { AssignTask } from '../components/AssignTask';
import { supervises } from '../roles';
import { CaseDetails } from '../components/CaseDetails';
import { CloseMatch } from '../components/CloseMatch';
import { CloseYouthReferral } from '../components/CloseYouthReferral';
import { LogTraining } from '../components/LogTraining';
import { MatchSurveys } from '../components/MatchSurveys';
import { EceDetails } from '../components/EceDetails';
import { OfferByHand } from '../components/OfferByHand';
import { SelfAssessmentForm, type Answer } from '../components/SelfAssessmentForm';
import { WorkPlanActions, type WorkPlanItem } from '../components/WorkPlanActions';
import { LeaveActions, type LeaveRequest, type PersonalTimeEntry } from '../components/LeaveActions';
import { LeaveLedger, type Ledger } from '../components/LeaveLedger';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { TaskForm } from '../components/TaskForm';
import { dateTime } from '../components/format';
import { useSession } from '../session';
import { useIntl } from 'react-intl';
import { useT } from '../i18n/useT';
import { useNames } from '../i18n/names';

export function CasePage() {
  const tr = useT();
  const intl = useIntl();
  const name = useNames();
  const { caseId = '' } = useParams();
  const [params] = useSearchParams();
  const session = useSession();
  const found = useQuery({
    queryKey: ['case', caseId],
    queryFn: () => ok(api.GET('/api/v1/cases/{caseId}', { params: { path: { caseId } } })),
  });
  const timeline = useQuery({
    queryKey: ['case', caseId, 'timeline'],
    queryFn: () => ok(api.GET('/api/v1/cases/{caseId}/timeline', { params: { path: { caseId } } })),
  });
  const c = found.data as
    | (typeof found.data & {
        ledger?: Ledger;
        personalTime?: PersonalTimeEntry[];
        requests?: LeaveRequest[];
        enrollment?: { employee: { id: string } };
        programId?: string;
        selfAssessment?: { answers: Answer[] };
        questionBankVersion?: number;
        workPlan?: WorkPlanItem[];
        placeable?: { programId: string; name: string }[];
      })
    | undefined;
  const roles = session?.person.roles ?? [];
  // A coordinator picks from what may go there: programs for a referral, approved callers for check-ins.
  const assigning =
    c?.type === 'wellness_checkin' && c.stage === 'awaiting_caller' && roles.includes('partnership_coordinator');
  const callers = useQuery({
    queryKey: ['cases', 'caller_screening', 'approved'],
    enabled: assigning,
    queryFn: () =>
      ok(
        api.GET('/api/v1/cases', {
          params: { query: { type: 'caller_screening', stage: 'approved', status: 'open', limit: 200 } },
        }),
      ),
  });
  const choices = {
    programIds: (c?.placeable ?? []).map((p) => ({ value: p.programId, label: p.name })),
    callerCaseId: (callers.data?.items ?? []).map((x) => ({
      value: x.id,
      label: x.subject.replace(/^Caller screening: /, ''),
    })),
  };
  const screening =
    (c?.type === 'mentor_screening' || c?.type === 'caller_screening') &&
    ['screening', 'decision'].includes(c.stage) &&
    roles.some((r) => r === 'case_worker' || r === 'case_supervisor');
  // The program's own staff (or an admin) answer the self-assessment and the work plan.
  const programSide =
    !!c?.programId &&
    (roles.includes('admin') || (roles.includes('program_staff') && session?.person.programId === c.programId));
  // The API says, for this person, which tasks they may complete (the rules of "Who may act").
  const mine = (t: Task) => t.mayComplete === true;
  const wanted = params.get('task');
  const supervising = supervises(session?.person.roles ?? []);
  // What the person just did stays said after the task leaves the open list.
  const [done, setDone] = useState<{ title: string; outcome: string }[]>([]);
  const tasks = (c?.openTasks ?? []).filter(mine).sort((a, b) => Number(b.id === wanted) - Number(a.id === wanted));
  return (
    <Page title={c ? c.subject : tr('case.title')}>
      <ProblemAlert error={found.error} heading={tr('case.cannotShow')} />
      {c ? (
        <>
          <ul className="usa-list usa-list--unstyled mf-facts">
            <li>
              <strong>{tr('case.stage')}</strong> {name('stage', c.stage)}
            </li>
            <li>
              <strong>{tr('case.status')}</strong> {name('status', c.status)}
            </li>
            <li>
              <strong>{tr('case.opened')}</strong> {dateTime(c.createdAt)}
            </li>
            {c.historyUrl ? (
              <li>
                <a className="usa-link" href={c.historyUrl}>
                  {tr('case.history')}
                </a>
              </li>
            ) : null}
          </ul>
          {c.ledger ? (
            <LeaveLedger ledger={c.ledger} />
          ) : c.type === 'ece_certification' || c.type === 'ece_placement' ? (
            <EceDetails type={c.type} caseId={caseId} details={c as unknown as Record<string, unknown>} />
          ) : (
            <CaseDetails type={c.type} details={c as unknown as Record<string, unknown>} />
          )}
          {c.type === 'match' ? <MatchSurveys caseId={caseId} /> : null}
          {c.ledger && c.enrollment?.employee.id === session?.person.id && c.status === 'open' ? (
            <LeaveActions caseId={caseId} personalTime={c.personalTime ?? []} requests={c.requests ?? []} />
          ) : null}
          {c.type === 'certification' && c.stage === 'self_assessment' && programSide ? (
            <SelfAssessmentForm
              caseId={caseId}
              version={c.questionBankVersion ?? 1}
              saved={c.selfAssessment?.answers ?? []}
            />
          ) : null}
          {c.type === 'certification' && c.stage === 'work_plan' && programSide ? (
            <WorkPlanActions caseId={caseId} items={c.workPlan ?? []} />
          ) : null}
          {c.type === 'match' &&
          ['active', 'awaiting_first_meeting'].includes(c.stage) &&
          roles.some((r) => r === 'case_worker' || r === 'case_supervisor') ? (
            <CloseMatch caseId={caseId} />
          ) : null}
          {c.type === 'youth_referral' &&
          c.status === 'open' &&
          roles.some((r) => r === 'case_worker' || r === 'case_supervisor') ? (
            <CloseYouthReferral caseId={caseId} />
          ) : null}
          <div role="status">
            {done.map((d, i) => (
              <div key={i} className="usa-alert usa-alert--success usa-alert--slim margin-y-2">
                <div className="usa-alert__body">
                  <p className="usa-alert__text">
                    {tr('case.done', { outcome: name('outcome', d.outcome), title: d.title })}
                  </p>
                </div>
              </div>
            ))}
          </div>
          {tasks.map((t) => (
            <div key={t.id}>
              <TaskForm
                task={t}
                caseId={caseId}
                choices={choices}
                onDone={(outcome) => setDone((x) => [...x, { title: t.title, outcome }])}
              />
              {supervising ? <AssignTask task={t} caseId={caseId} /> : null}
            </div>
          ))}
          {c.openTasks
            .filter((t) => !mine(t))
            .map((t) => (
              <div key={t.id} className="margin-y-2">
                <p className="margin-bottom-1">
                  <strong>{t.title}</strong>{' '}
                  {tr('case.waitsOn', {
                    who:
                      t.assigneeId ??
                      intl.formatList(
                        t.candidateRoles.map((r) => name('role', r)),
                        { type: 'disjunction' },
                      ),
                  })}
                  {t.refusal && t.refusal.code !== 'not_a_candidate' && t.refusal.code !== 'task_claimed' ? (
                    <>
                      {' '}
                      {tr('case.notYou', {
                        why: t.refusal.message.charAt(0).toLowerCase() + t.refusal.message.slice(1),
                      })}
                    </>
                  ) : null}
                </p>
                {supervising ? <AssignTask task={t} caseId={caseId} /> : null}
              </div>
            ))}
          {c.type === 'mentor_referral' && c.status === 'open' && roles.includes('partnership_coordinator') ? (
            <OfferByHand
              caseId={caseId}
              offered={((c as unknown as { offers?: { programId: string }[] }).offers ?? []).map((o) => o.programId)}
            />
          ) : null}
          {/* Below the tasks: training is logged over weeks, beside whatever the screening waits on. */}
          {screening ? <LogTraining caseId={caseId} caller={c.type === 'caller_screening'} /> : null}
        </>
      ) : found.isPending ? (
        <p>{tr('case.loading')}</p>
      ) : null}
      <h2>{tr('case.timeline')}</h2>
      {/* A reader whose view has no timeline (a mentor's pool profile) gets 404: said plainly, not as an error. */}
      {(timeline.error as { status?: number } | null)?.status === 404 ? (
        <p>{tr('case.timelineHidden')}</p>
      ) : (
        <ProblemAlert error={timeline.error} />
      )}
      <ol className="usa-process-list mf-timeline">
        {timeline.data?.items.map((e, i) => (
          <li className="usa-process-list__item" key={i}>
            <h3 className="usa-process-list__heading font-sans-sm">{name('event', e.event)}</h3>
            <p className="margin-top-05">
              {dateTime(e.at)} · {e.actor.name ?? e.actor.id}
              {typeof e.detail.reason === 'string' ? <> · {e.detail.reason}</> : null}
              {typeof e.detail.comment === 'string' ? <> · “{e.detail.comment}”</> : null}
            </p>
          </li>
        ))}
      </ol>
    </Page>
  );
}
