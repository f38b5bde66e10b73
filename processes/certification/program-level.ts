/**
 * The cycle's word to the program's own workflow: a change of level (signalled to the program
 * record, which owns it, and mirrored into the directory at once), and the Partner award that
 * ends a cycle well (a certificate valid 3 years by policy, extending one still in force).
 */
import { getExternalWorkflowHandle, uuid4 } from '@temporalio/workflow';
import { certificationEmail } from './email-messages';
import { receiverGoneTolerated } from '../../platform/workflow/signal-case';
import { addDuration } from '../../platform/workflow/calendar';
import { mergeChanges, type Change } from '../../platform/workflow/case-runtime';
import type { Actor } from '../../platform/workflow/records';
import { programLevelProjection } from '../programs/projection';
import { certificateEnd, programLevelSignal, programWorkflowId, type ProgramLevel } from '../programs/workflow';
import type { Cycle } from './cycle';

/** Changes the program's level: mirrored into the directory now, owned by the program's workflow. */
export async function setLevel(
  cycle: Cycle,
  level: ProgramLevel,
  certifiedUntil: string | null,
  note: string,
  actor: Actor,
): Promise<Change> {
  const { state, program, rt } = cycle;
  const eventId = uuid4();
  // The directory gets the level from this change either way; a program record that has
  // ended (terminated by an operator) misses only its own timeline entry and timers.
  try {
    await getExternalWorkflowHandle(programWorkflowId(program.id)).signal(programLevelSignal, {
      level,
      certifiedUntil,
      note,
      actor,
      eventId,
      caseId: state.caseId,
    });
  } catch (err) {
    if (!receiverGoneTolerated(err)) throw err;
  }
  return {
    projections: [programLevelProjection({ id: program.id, level, certifiedUntil })],
    events: [
      {
        id: eventId,
        caseId: program.id,
        at: rt.nowIso(),
        actor,
        event: 'level_changed',
        detail: { to: { level, certifiedUntil }, note, caseId: state.caseId },
      },
    ],
  };
}

/** All verified, or the reviewer recommends Partner: a certificate valid 3 years (policy). */
export async function awardPartner(cycle: Cycle, actor: Actor): Promise<Change> {
  const { state, program, policy, rt, tellContact } = cycle;
  // A renewal extends the certificate still in force; otherwise it runs from today.
  const previous =
    state.renewal && program.certifiedUntilAtApplication
      ? certificateEnd(program.certifiedUntilAtApplication, rt.calendar)
      : 0;
  const from = Math.max(Date.now(), previous);
  const until = rt.calendar.date(addDuration(from, policy.certification.certificateValidity, rt.calendar) - 1);
  state.certifiedUntil = until;
  rt.setStage('partner', 'closed');
  const level = await setLevel(
    cycle,
    'partner',
    until,
    state.renewal ? 'Partner certificate renewed' : 'Partner certification awarded',
    actor,
  );
  return mergeChanges(level, {
    events: [rt.event(actor, 'partner_awarded', { certifiedUntil: until })],
    emails: [
      tellContact(
        `${state.caseId}:partner`,
        certificationEmail('partner', { programName: program.name, until: `${until}` }),
      ),
    ],
  });
}
