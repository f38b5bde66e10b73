/**
 * What each process's people look at on a case besides its tasks: the screening
 * checklist of a mentor, the check-in calendar of a match, the consents of a referral, the
 * standards and work plan of a certification. Every status is written out (never colour
 * alone). The leave ledger has its own bar (LeaveLedger).
 */
import type { ReactNode } from 'react';
import { humanize } from './format';
import { CertificationStandards } from './CertificationStandards';
import { ReferralDetails } from './ReferralDetails';
import { WellnessDetails } from './WellnessDetails';
import { MatchCalendar, type CheckInRecord } from './MatchCalendar';
import type { Answer } from './SelfAssessmentForm';

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
  const entries = Object.entries((consents ?? {}) as Record<string, { status?: string }>);
  return (
    <ul className="usa-list usa-list--unstyled mf-checklist">
      {entries.map(([who, v]) => (
        <li key={who}>
          {done(v?.status === 'accepted')} Consent — {humanize(who)}: {humanize(v?.status ?? 'pending').toLowerCase()}
        </li>
      ))}
    </ul>
  );
}

export function CaseDetails({ type, details }: { type: string; details: Details }) {
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
      <Section id="pool-heading" title="Pool profile">
        <ul className="usa-list usa-list--unstyled mf-facts">
          <li>
            <strong>Name:</strong> {a.name ?? '—'}
          </li>
          <li>
            <strong>County:</strong> {a.county ?? '—'}
          </li>
          <li>
            <strong>Languages:</strong> {(a.languages ?? []).join(', ') || '—'}
          </li>
          {a.interests ? (
            <li>
              <strong>Interests:</strong> {a.interests.join(', ') || '—'}
            </li>
          ) : null}
          {a.formerFosterYouth !== undefined ? (
            <li>
              <strong>Former foster youth:</strong> {a.formerFosterYouth ? 'yes' : 'no'}
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
      <Section id="checklist-heading" title="Screening checklist">
        <ul className="usa-list usa-list--unstyled mf-checklist">
          {checks.map((c) => (
            <li key={c.name}>
              {done(c.status === 'clear')} Background check — {humanize(c.name)}: {humanize(c.status).toLowerCase()}
            </li>
          ))}
          {refs.map((r) => (
            <li key={r.id}>
              {done(r.status === 'answered')} Reference — {r.name} ({r.relationship}):{' '}
              {r.status === 'answered'
                ? `answered${r.recommendation ? `, ${humanize(r.recommendation).toLowerCase()}` : ''}`
                : 'awaiting an answer'}
            </li>
          ))}
          {interview?.status === 'not_required' ? null : (
            <li>
              {done(interview?.status === 'pass')} Interview: {humanize(interview?.status ?? 'pending').toLowerCase()}
            </li>
          )}
          <li>
            {done(hours >= (type === 'caller_screening' ? 2 : 6))} Training: {hours} of{' '}
            {type === 'caller_screening' ? 2 : 6} hours
          </li>
        </ul>
      </Section>
    );
  }
  if (type === 'match') {
    return (
      <Section id="calendar-heading" title="Check-ins">
        <Consents consents={details.consents} />
        <ul className="usa-list usa-list--unstyled mf-checklist">
          <li>
            {done(!!details.firstMeetingAt)} First meeting:{' '}
            {details.firstMeetingAt ? String(details.firstMeetingAt).slice(0, 10) : 'not yet'}
          </li>
        </ul>
        <MatchCalendar
          checkIns={(details.checkIns ?? []) as CheckInRecord[]}
          nextDue={details.nextCheckInDue as string | undefined}
          anniversaryAt={details.anniversaryAt as string | undefined}
        />
      </Section>
    );
  }
  if (type === 'certification') {
    const items = (details.workPlan ?? []) as WorkItem[];
    const assessment = details.selfAssessment as { answers?: Answer[]; submittedAt?: string } | undefined;
    return (
      <Section id="standards-heading" title="Certification">
        <ul className="usa-list usa-list--unstyled mf-checklist">
          <li>
            Level sought: {humanize(String(details.levelSought ?? ''))}
            {details.renewal ? ' (renewal)' : ''}
          </li>
          <li>
            {done(!!assessment?.submittedAt)} Self-assessment:{' '}
            {assessment?.submittedAt
              ? `submitted ${assessment.submittedAt.slice(0, 10)}`
              : assessment?.answers?.length
                ? `draft, ${assessment.answers.length} answered`
                : 'not started'}
          </li>
          {details.deadline ? <li>Deadline: {String(details.deadline).slice(0, 10)}</li> : null}
          {details.certifiedUntil ? <li>Certified until {String(details.certifiedUntil)}</li> : null}
        </ul>
        {assessment?.submittedAt ? <CertificationStandards answers={assessment.answers ?? []} /> : null}
        {items.length ? (
          <>
            <h3>Work plan</h3>
            <ul className="usa-list usa-list--unstyled mf-checklist">
              {items.map((w) => (
                <li key={w.id}>
                  {done(w.status === 'verified')} {humanize(w.standard)}
                  {w.description ? ` — ${w.description}` : ''}: {humanize(w.status).toLowerCase()}
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
      <Section id="referral-heading" title="Referral">
        <Consents consents={details.consents} />
      </Section>
    );
  }
  return null;
}
