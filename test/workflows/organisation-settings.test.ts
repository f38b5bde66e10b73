/**
 * A case that runs for a year follows the organisation: after the settings signal, the
 * next task's deadline skips a holiday the organisation added, its e-mail goes to the
 * mailbox the organisation moved to, with a link to the new public address; and a case
 * continued as new keeps them.
 */
import { calls, env, eventually, person, policy, startLeaveCase } from './harness';
import { addDuration, laDate, laYear } from '../../platform/workflow/calendar';
import { businessCalendarOf, type CalendarPolicy } from '../../platform/workflow/jurisdiction';
import { completeTaskUpdate, openTasksQuery } from '../../platform/workflow/messages';
import { logPersonalTimeUpdate } from '../../processes/mentoring-leave/messages';
import { organisationSettingsSignal } from '../../platform/workflow/organisation-settings';

const employee = person('emp-org', ['employee'], { department: 'CDT' });
const hr = person('hr-org', ['hr_officer'], { department: 'CDT' });

async function approvedEnrolment(maxHistoryEvents = policy.maxHistoryEvents) {
  const now = Number(await env.currentTimeMs());
  const year = laYear(now);
  const h = await startLeaveCase(employee, year, { ...structuredClone(policy), maxHistoryEvents });
  const review = (await h.query(openTasksQuery)).find((t) => t.type === 'eligibility_review')!;
  await h.executeUpdate(completeTaskUpdate, { args: [{ taskId: review.id, outcome: 'approve', actor: hr }] });
  return { h, today: laDate(now) };
}

/** Settings as the organisation changed them: a holiday on the next business day, a new mailbox and address. */
function changedSettings(today: string) {
  const next = businessCalendarOf(policy).addBusinessDays(today, 1);
  return {
    calendar: { ...policy.calendar!, holidays: { [next.slice(0, 4)]: [next] } },
    mailboxes: { ...policy.mailboxes, org_coordinator: 'coordinators-new@partnership.example' },
    publicBaseUrl: 'https://mentoring.partnership.example',
  };
}

test('after the settings change, the next task skips the new holiday and is mailed to the new mailbox with the new address', async () => {
  const { h, today } = await approvedEnrolment();
  const settings = changedSettings(today);
  await h.signal(organisationSettingsSignal, settings);
  calls.transitions = [];
  const entry = await h.executeUpdate(logPersonalTimeUpdate, {
    args: [{ date: today, hours: 1, kind: 'off_duty', description: 'Tutoring', actor: employee }],
  });
  const written = calls.transitions.find((t) => t.tasks?.some((k) => k.type === 'verify_personal_hours'))!;
  const task = written.tasks!.find((k) => k.ref === entry.id)!;
  const loggedAt = Date.parse(entry.loggedAt);
  const due = (calendar: CalendarPolicy) =>
    new Date(addDuration(loggedAt, { businessDays: 10 }, businessCalendarOf({ calendar }))).toISOString();
  expect(task.dueAt).toBe(due(settings.calendar));
  expect(task.dueAt).not.toBe(due(policy.calendar!));
  const mail = written.emails!.find((m) => m.key.endsWith(':assigned'))!;
  expect(mail.to).toEqual(['coordinators-new@partnership.example']);
  expect(mail.link).toMatch(/^https:\/\/mentoring\.partnership\.example\/tasks\//);
  await h.terminate('done');
});

test('a case continued as new keeps the settings it was told', async () => {
  // A short history limit: every few actions the case continues as new.
  const { h, today } = await approvedEnrolment(40);
  const settings = changedSettings(today);
  await h.signal(organisationSettingsSignal, settings);
  const firstRun = (await h.describe()).runId;
  // Entries until the case has continued: the first action that finds the history past the
  // limit continues it once its handlers finish.
  for (let i = 0; i < 30 && (await h.describe()).runId === firstRun; i++) {
    await h.executeUpdate(logPersonalTimeUpdate, {
      args: [{ date: today, hours: 0.25, kind: 'off_duty', description: `Visit ${i}`, actor: employee }],
    });
  }
  await eventually(async () => (await h.describe()).runId !== firstRun, 'the continued run');
  calls.transitions = [];
  await h.executeUpdate(logPersonalTimeUpdate, {
    args: [{ date: today, hours: 0.25, kind: 'off_duty', description: 'After', actor: employee }],
  });
  const mail = calls.transitions.flatMap((t) => t.emails ?? []).find((m) => m.key.endsWith(':assigned'))!;
  expect(mail.to).toEqual(['coordinators-new@partnership.example']);
  await h.terminate('done');
});
