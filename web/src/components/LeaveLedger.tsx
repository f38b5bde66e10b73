/**
 * The leave ledger of a year as a bar an employee reads at a glance: approved, pending and
 * available hours against the cap, with the verified personal hours that earn them; the
 * same figures as text beside it for screen readers and print.
 */
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
  const pct = (h: number) => `${Math.max(0, Math.min(100, (h / (ledger.cap || 1)) * 100))}%`;
  return (
    <section aria-labelledby="ledger-heading" className="margin-y-3">
      <h2 id="ledger-heading">Leave ledger {ledger.year}</h2>
      <div className="mf-ledger" aria-hidden="true">
        <span className="mf-ledger__approved" style={{ width: pct(ledger.approvedLeaveHours) }} />
        <span className="mf-ledger__pending" style={{ width: pct(ledger.pendingLeaveHours) }} />
        <span className="mf-ledger__available" style={{ width: pct(ledger.availableLeaveHours) }} />
      </div>
      <dl className="mf-ledger__legend">
        <div>
          <dt>
            <span className="mf-swatch mf-ledger__approved" /> Approved leave
          </dt>
          <dd>{ledger.approvedLeaveHours} h</dd>
        </div>
        <div>
          <dt>
            <span className="mf-swatch mf-ledger__pending" /> Pending leave
          </dt>
          <dd>{ledger.pendingLeaveHours} h</dd>
        </div>
        <div>
          <dt>
            <span className="mf-swatch mf-ledger__available" /> Available
          </dt>
          <dd>{ledger.availableLeaveHours} h</dd>
        </div>
        <div>
          <dt>Verified personal hours</dt>
          <dd>{ledger.verifiedPersonalHours} h</dd>
        </div>
        <div>
          <dt>Annual cap</dt>
          <dd>{ledger.cap} h</dd>
        </div>
      </dl>
    </section>
  );
}
