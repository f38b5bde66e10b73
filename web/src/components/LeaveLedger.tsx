/**
 * The leave ledger of a year as a bar an employee reads at a glance: approved, pending and
 * available hours against the cap, with the verified personal hours that earn them; the
 * same figures as text beside it for screen readers and print.
 */
import { useT } from '../i18n/useT';
export interface Ledger {
  year: number;
  cap: number;
  verifiedPersonalHours: number;
  pendingPersonalHours: number;
  approvedLeaveHours: number;
  pendingLeaveHours: number;
  availableLeaveHours: number;
}

export function LeaveLedger({ ledger }: { ledger: Ledger }) {
  const t = useT();
  const pct = (h: number) => `${Math.max(0, Math.min(100, (h / (ledger.cap || 1)) * 100))}%`;
  return (
    <section aria-labelledby="ledger-heading" className="margin-y-3">
      <h2 id="ledger-heading">{t('ledger.heading', { year: String(ledger.year) })}</h2>
      <div className="mf-ledger" aria-hidden="true">
        <span className="mf-ledger__approved" style={{ width: pct(ledger.approvedLeaveHours) }} />
        <span className="mf-ledger__pending" style={{ width: pct(ledger.pendingLeaveHours) }} />
        <span className="mf-ledger__available" style={{ width: pct(ledger.availableLeaveHours) }} />
      </div>
      <dl className="mf-ledger__legend">
        <div>
          <dt>
            <span className="mf-swatch mf-ledger__approved" /> {t('ledger.approved')}
          </dt>
          <dd>{t('ledger.hours', { hours: ledger.approvedLeaveHours })}</dd>
        </div>
        <div>
          <dt>
            <span className="mf-swatch mf-ledger__pending" /> {t('ledger.pending')}
          </dt>
          <dd>{t('ledger.hours', { hours: ledger.pendingLeaveHours })}</dd>
        </div>
        <div>
          <dt>
            <span className="mf-swatch mf-ledger__available" /> {t('ledger.available')}
          </dt>
          <dd>{t('ledger.hours', { hours: ledger.availableLeaveHours })}</dd>
        </div>
        <div>
          <dt>{t('ledger.verified')}</dt>
          <dd>{t('ledger.hours', { hours: ledger.verifiedPersonalHours })}</dd>
        </div>
        <div>
          <dt>{t('ledger.cap')}</dt>
          <dd>{t('ledger.hours', { hours: ledger.cap })}</dd>
        </div>
      </dl>
    </section>
  );
}
