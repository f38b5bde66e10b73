/**
 * A certified mentor's period: professional development hours logged by the mentor (an
 * Update), reminders before the certification lapses, renewal at its end with 12 hours in
 * the period, otherwise the lapse (no new placements; the record closes once the
 * placements it holds have ended).
 *
 * The life cycle runs once at a time: the committee's deciding vote that comes with a
 * continued run's first activation runs inside setHandler and starts it just before the run's
 * start resumes it; the second start then does nothing (behind a patch: a run recorded before
 * it replays what it did).
 */
import { condition, patched, setHandler, uuid4 } from '@temporalio/workflow';
import { eceEmail } from '../email-messages';
import { addDays, addDuration, subtractDuration } from '../../../platform/workflow/calendar';
import { refuse } from '../../../platform/workflow/case-runtime';
import { checkInput } from '../../../platform/workflow/refusals';
import { SYSTEM } from '../../../platform/workflow/records';
import { developmentInput } from '../inputs';
import { logDevelopmentUpdate } from '../messages';
import { ROLE_NAME, type EceCertification } from './certification-case';

/** The mentor logs professional development while certified. */
export function registerDevelopmentLog(ece: EceCertification): void {
  const { state, rt, hoursInPeriod } = ece;
  setHandler(
    logDevelopmentUpdate,
    async ({ date, hours, topic, actor }) => {
      state.development.push({ date, hours, topic });
      await rt.commit({
        events: [rt.event(actor, 'development_logged', { date, hours, topic, hoursInPeriod: hoursInPeriod() })],
      });
      return { hoursInPeriod: hoursInPeriod() };
    },
    {
      validator: ({ actor, ...entry }) => {
        if (actor.id !== state.person.id)
          refuse('not_permitted', 'Only the mentor logs their professional development');
        checkInput(developmentInput, entry, 'The development entry is not valid');
        if (entry.date > rt.calendar.date(Date.now()))
          refuse('invalid_input', 'The date must not be in the future', [
            { path: 'body.date', message: 'must not be in the future' },
          ]);
        if (state.stage !== 'certified') refuse('case_closed', `The certification is ${state.stage}`);
      },
    },
  );
}

/** Shared with the reservations' holds: work already waiting in this run is not started again. */
export const STARTED_ONCE = 'ece-certification-started-once';

/** Reminders before the certification lapses; at its end, renewed with 12 hours or lapsed. */
export async function lifecycle(ece: EceCertification): Promise<void> {
  if (ece.running.lifecycle && patched(STARTED_ONCE)) return;
  ece.running.lifecycle = true;
  try {
    await certifiedPeriods(ece);
  } finally {
    ece.running.lifecycle = false;
  }
}

async function certifiedPeriods(ece: EceCertification): Promise<void> {
  const { state, rules, rt, coordinatorMailbox, hoursInPeriod } = ece;
  while (state.stage === 'certified') {
    const ends = rt.calendar.startOfDay(addDays(state.certifiedUntil!, 1));
    const reminder = rules.renewalReminders[state.remindersSent];
    const until = state.certifiedUntil;
    if (reminder) {
      await rt.untilOr(() => state.certifiedUntil !== until, subtractDuration(ends, reminder, rt.calendar));
      state.remindersSent++;
      await rt.commit({
        events: [
          rt.event(SYSTEM, 'renewal_reminder_sent', {
            certifiedUntil: state.certifiedUntil,
            hoursInPeriod: hoursInPeriod(),
          }),
        ],
        emails: [
          rt.email(
            `${state.caseId}:${state.certifiedUntil}:reminder-${state.remindersSent}`,
            [state.person.email, coordinatorMailbox()],
            eceEmail('renewal-reminder', {
              roleName: ROLE_NAME[state.role],
              certifiedUntil: `${state.certifiedUntil}`,
              renewalHours: rules.renewalHours,
              hoursLogged: hoursInPeriod(),
            }),
            rt.caseLink(),
          ),
        ],
      });
      continue;
    }
    await rt.untilOr(() => false, ends);
    if (hoursInPeriod() >= rules.renewalHours) {
      state.periodStart = addDays(state.certifiedUntil!, 1);
      state.certifiedUntil = rt.calendar.date(addDuration(ends, rules.certificationValidity, rt.calendar) - 1);
      state.remindersSent = 0;
      await rt.commit({
        events: [rt.event(SYSTEM, 'certification_renewed', { certifiedUntil: state.certifiedUntil })],
      });
      continue;
    }
    rt.setStage('lapsed');
    const open = state.openPlacements.map((p) => p.placementId);
    const lapsed = {
      roleName: ROLE_NAME[state.role],
      personName: state.person.name,
      hoursLogged: hoursInPeriod(),
      renewalHours: rules.renewalHours,
    };
    void closeWhenFree(ece);
    await rt.commit({
      events: [rt.event(SYSTEM, 'certification_lapsed', { hoursInPeriod: hoursInPeriod(), openPlacements: open })],
      emails: [
        rt.email(
          `${state.caseId}:${uuid4()}:lapsed`,
          [state.person.email, coordinatorMailbox()],
          open.length
            ? eceEmail('lapsed-with-open-placements', {
                ...lapsed,
                openCount: open.length,
                openPlacements: open.map((p) => p.slice(0, 8)).join(', '),
              })
            : eceEmail('lapsed', lapsed),
          rt.caseLink(),
        ),
      ],
    });
  }
}

/** A lapsed mentor's record closes once the placements it still holds have ended. */
export async function closeWhenFree(ece: EceCertification): Promise<void> {
  const { state, rt } = ece;
  await condition(() => state.openPlacements.length === 0);
  rt.setStage('lapsed', 'closed');
  await rt.commit({ events: [rt.event(SYSTEM, 'record_closed', {})] });
}
