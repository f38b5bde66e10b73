/**
 * The capacity plan's arithmetic (docs/capacity.md) and the load run's busy hour come from the
 * same volumes (scripts/capacity/volumes.ts): a reader of the plan sees the figures the run prints.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LEAVE_YEAR } from '../../scripts/capacity/stories';
import { leaveActionsPerYear, yearActions } from '../../scripts/capacity/volumes';

const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'capacity.md'), 'utf8');
const shown = (n: number) => Math.round(n).toLocaleString('en-US');

describe('the capacity plan', () => {
  it('counts a leave year as the plan says: enrolment, approval and ten months of five steps', () => {
    expect(leaveActionsPerYear).toBe(52);
    expect(LEAVE_YEAR.request_leave).toBe(10);
    expect(doc).toContain('**52 actions**');
  });

  it("shows California's actions a year and at the average and busiest hour as the load run computes them", () => {
    const y = yearActions();
    expect(doc).toContain(`**${shown(y.total)}**`);
    expect(doc).toContain(`${shown(y.total)} / 2,000 = ${shown(y.averageHour)}`);
    expect(doc).toContain(`| ${shown(y.peakHour)} |`);
  });
});
