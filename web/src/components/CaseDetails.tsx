/**
 * What each process's people look at on a case besides its tasks: the screening
 * checklist of a mentor, the check-in calendar of a match, the consents of a referral, the
 * standards and work plan of a certification. Every status is written out (never colour
 * alone). The leave ledger has its own bar (LeaveLedger).
 */
import type { ReactNode } from 'react';
import { CertificationStandards } from './CertificationStandards';
import { ReferralDetails } from './ReferralDetails';
import { WellnessDetails } from './WellnessDetails';
import { MatchCalendar, type CheckInRecord } from './MatchCalendar';
import { contactsAsCheckIns, MatchHealthSummary, type MatchHealthView } from './MatchHealthSummary';
import type { Answer } from './SelfAssessmentForm';
import { useT } from '../i18n/useT';
import { useNames } from '../i18n/names';

type Details = Record<string, unknown>;
interface Check {
  name: string;
  status: string;
}
interface Reference {
  id: string;
  name: string;
  relationship: string;
  status: string;
  recommendation?: string;
}
interface WorkItem {
  id: string;
  standard: string;
  description?: string;
  status: string;
}

const done = (ok: boolean) => (
  <span aria-hidden="true" className="mf-mark">
    {ok ? '✓' : '○'}
  </span>
);

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="margin-y-3">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** Each party's consent and where it stands (accepted, declined, pending). */
function Consents({ consents }: { consents: unknown }) {
  const t = useT();
  const name = useNames();
  const entries = Object.entries((consents ?? {}) as Record<string, { status?: string }>);
  return (
    <ul className="usa-list usa-list--unstyled mf-checklist">
      {entries.map(([who, v]) => (
        <li key={who}>
          {done(v?.status === 'accepted')}{' '}
          {t('details.consent', {
            who: name('detail', who),
            status: name('detail', v?.status ?? 'pending').toLowerCase(),
          })}
        </li>
      ))}
    </ul>
  );
}

export function CaseDetails({ type, details }: { type: string; details: Details }) {
  const t = useT();
  const name = useNames();
  if (type === 'wellness_checkin') return <WellnessDetails details={details} />;
  if ((type === 'mentor_screening' || type === 'caller_screening') && details.checks === undefined) {
    // Another case worker (or a coordinator) reads an approved applicant's pool profile only.
    const a = (details.applicant ?? {}) as {
      name?: string;
      county?: string;
      languages?: string[];
      interests?: string[];
      formerFosterYouth?: boolean;
    };
    return (
      <Section id="pool-heading" title={t('details.pool')}>
        <ul className="usa-list usa-list--unstyled mf-facts">
          <li>
            <strong>{t('details.name')}</strong> {a.name ?? '—'}
          </li>
          <li>
            <strong>{t('details.county')}</strong> {a.county ?? '—'}
          </li>
          <li>
            <strong>{t('details.languages')}</strong> {(a.languages ?? []).join(', ') || '—'}
          </li>
          {a.interests ? (
            <li>
              <strong>{t('details.interests')}</strong> {a.interests.join(', ') || '—'}
            </li>
          ) : null}
          {a.formerFosterYouth !== undefined ? (
            <li>
              <strong>{t('details.formerFosterYouth')}</strong>{' '}
              {a.formerFosterYouth ? t('details.yes') : t('details.no')}
            </li>
          ) : null}
        </ul>
      </Section>
    );
  }
  if (type === 'mentor_screening' || type === 'caller_screening') {
    const checks = (details.checks ?? []) as Check[];
    const refs = (details.references ?? []) as Reference[];
    const interview = details.interview as { status: string } | undefined;
    const hours = Number(details.trainingHours ?? 0);
    return (
      <Section id="checklist-heading" title={t('details.checklist')}>
        <ul className="usa-list usa-list--unstyled mf-checklist">
          {checks.map((c) => (
            <li key={c.name}>
              {done(c.status === 'clear')}{' '}
              {t('details.check', { name: name('detail', c.name), status: name('detail', c.status).toLowerCase() })}
            </li>
          ))}
          {refs.map((r) => (
            <li key={r.id}>
              {done(r.status === 'answered')} {t('details.reference', { name: r.name, relationship: r.relationship })}{' '}
              {r.status !== 'answered'
                ? t('details.awaiting')
                : r.recommendation
                  ? t('details.answeredWith', { recommendation: name('detail', r.recommendation).toLowerCase() })
                  : t('details.answered')}
            </li>
          ))}
          {interview?.status === 'not_required' ? null : (
            <li>
              {done(interview?.status === 'pass')}{' '}
              {t('details.interview', { status: name('detail', interview?.status ?? 'pending').toLowerCase() })}
            </li>
          )}
          <li>
            {done(hours >= (type === 'caller_screening' ? 2 : 6))}{' '}
            {t('details.training', { hours, of: type === 'caller_screening' ? 2 : 6 })}
          </li>
        </ul>
      </Section>
    );
  }
  if (type === 'match') {
    return (
      <Section id="calendar-heading" title={t('details.checkIns')}>
        <Consents consents={details.consents} />
        <ul className="usa-list usa-list--unstyled mf-checklist">
          <li>
            {done(!!details.firstMeetingAt)}{' '}
            {details.firstMeetingAt
              ? t('details.firstMeeting', { date: String(details.firstMeetingAt).slice(0, 10) })
              : t('details.firstMeetingNotYet')}
          </li>
        </ul>
        <MatchHealthSummary health={details.health as MatchHealthView | undefined} />
        <MatchCalendar
          checkIns={[...((details.checkIns ?? []) as CheckInRecord[]), ...contactsAsCheckIns(details.contacts)]}
          nextDue={(details.nextCheckInDue ?? details.nextContactDue) as string | undefined}
          anniversaryAt={details.anniversaryAt as string | undefined}
        />
      </Section>
    );
  }
  if (type === 'certification') {
    const items = (details.workPlan ?? []) as WorkItem[];
    const assessment = details.selfAssessment as { answers?: Answer[]; submittedAt?: string } | undefined;
    // Cases recorded before the bank was versioned ask version 1.
    const bankVersion = Number(details.questionBankVersion ?? 1);
    return (
      <Section id="standards-heading" title={t('details.certification')}>
        <ul className="usa-list usa-list--unstyled mf-checklist">
          <li>
            {t('details.levelSought', { level: name('detail', String(details.levelSought ?? '')) })}
            {details.renewal ? ` ${t('details.renewal')}` : ''}
          </li>
          <li>
            {done(!!assessment?.submittedAt)}{' '}
            {assessment?.submittedAt
              ? t('details.assessmentSubmitted', { date: assessment.submittedAt.slice(0, 10) })
              : assessment?.answers?.length
                ? t('details.assessmentDraft', { count: assessment.answers.length })
                : t('details.assessmentNotStarted')}
          </li>
          <li>{t('details.bankVersion', { version: String(bankVersion) })}</li>
          {details.deadline ? <li>{t('details.deadline', { date: String(details.deadline).slice(0, 10) })}</li> : null}
          {details.certifiedUntil ? (
            <li>{t('details.certifiedUntil', { date: String(details.certifiedUntil) })}</li>
          ) : null}
        </ul>
        {assessment?.submittedAt ? (
          <CertificationStandards answers={assessment.answers ?? []} version={bankVersion} />
        ) : null}
        {items.length ? (
          <>
            <h3>{t('details.workPlan')}</h3>
            <ul className="usa-list usa-list--unstyled mf-checklist">
              {items.map((w) => (
                <li key={w.id}>
                  {done(w.status === 'verified')} {name('standard', w.standard)}
                  {w.description ? ` — ${w.description}` : ''}: {name('detail', w.status).toLowerCase()}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>
    );
  }
  if (type === 'mentor_referral') return <ReferralDetails details={details} />;
  if (type === 'youth_referral') {
    return (
      <Section id="referral-heading" title={t('details.referral')}>
        <Consents consents={details.consents} />
      </Section>
    );
  }
  return null;
}
