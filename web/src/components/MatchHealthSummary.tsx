/**
 * A match's health for its case worker and supervisors: the score, its band in words and the
 * reasons that took points away (docs/processes/foster.md, "Match health"); and the contacts of
 * the support schedule shown in the check-in calendar beside the check-ins before them.
 */
import type { CheckInRecord } from './MatchCalendar';
import { useT } from '../i18n/useT';

export interface MatchHealthView {
  score: number;
  band: 'healthy' | 'watch' | 'at_risk';
  reasons: string[];
}

interface Contact {
  dueOn: string;
  recordedAt: string;
  reached: string[];
  satisfaction: number;
  safetyConcern: boolean;
}

/** Contacts as the calendar's rows: whom they reached, satisfaction, any safety concern. */
export function contactsAsCheckIns(contacts: unknown): CheckInRecord[] {
  return ((contacts ?? []) as Contact[]).map((c) => ({
    dueOn: c.dueOn,
    recordedAt: c.recordedAt,
    contactMentor: c.reached.includes('mentor'),
    contactYouth: c.reached.includes('youth'),
    contactCaregiver: c.reached.includes('caregiver'),
    satisfaction: c.satisfaction,
    safetyConcern: c.safetyConcern,
  }));
}

export function MatchHealthSummary({ health }: { health?: MatchHealthView }) {
  const t = useT();
  if (!health) return null;
  return (
    <div className={`usa-summary-box margin-y-2 mf-health mf-health--${health.band}`}>
      <div className="usa-summary-box__body">
        <h3 className="usa-summary-box__heading">
          {t('matchHealth.heading', { score: health.score })} — {t(`caseload.band.${health.band}`)}
        </h3>
        {health.reasons.length ? (
          <ul className="usa-list">
            {health.reasons.map((r) => {
              const [code, points] = r.split(':');
              return <li key={r}>{t(`caseload.reason.${code}`, { figure: points })}</li>;
            })}
          </ul>
        ) : (
          <p>{t('matchHealth.noReasons')}</p>
        )}
      </div>
    </div>
  );
}
