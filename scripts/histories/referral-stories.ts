/**
 * Recorded lives of the online mentor referral (docs/processes/mentor-referral.md): one that ends enrolled after
 * a decline passed an offer on; one whose offers all run out of time for three rounds, is
 * placed by a coordinator (and offered to one more by hand) and then withdrawn by the volunteer; one whose only program drops
 * below Affiliate and which a coordinator closes unplaced. The directory is faked at the
 * activity boundary (`referralFakes`), so a history depends only on workflow code.
 * `npm run record-histories -- --only referral` records these alone.
 *
 * Cases from address confirmation on (`referralConfirmationStories`, recorded alone with
 * `--only referral-confirmation`, into files of their own): one confirmed and enrolled, one
 * that lapses unconfirmed, one withdrawn before it was confirmed.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import {
  confirmReferralAddressUpdate,
  offerByHandUpdate,
  programUnavailableSignal,
  withdrawReferralUpdate,
} from '../../processes/referral/messages';
import { mentorReferralWorkflow, mentorReferralWorkflowId } from '../../processes/referral/workflow';
import type { RankedProgram } from '../../processes/referral/types';
import type { Volunteer } from '../../processes/referral/inputs';
import {
  caseDetailsQuery,
  caseRecordedUpdate,
  completeTaskUpdate,
  openTasksQuery,
} from '../../platform/workflow/messages';
import type { Policy } from '../../platform/workflow/policy';
import type { ActingUser } from '../../platform/workflow/records';
import { completed, person, until, type Save } from './shared';

const DAY = 86_400_000;
const coordinator = person('pc-1', ['partnership_coordinator']);
const staffOf = (programId: string) => person(`staff-${programId}`, ['program_staff'], { programId });

/** The fake directory: programs by county, ranked in list order. */
const DIRECTORY: Record<string, RankedProgram[]> = {
  Yolo: ['a', 'b', 'c', 'd'].map((x) => program(`ref-${x}`)),
  Trinity: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((x) => program(`trin-${x}`)),
  Lassen: [program('lass-a')],
};
function program(id: string): RankedProgram {
  return {
    programId: id,
    name: `Program ${id}`,
    contactEmail: `${id}@program.example`,
    reasons: ['serves the county'],
  };
}

export const referralFakes = {
  findReferralPrograms: async ({
    volunteer,
    exclude,
    limit,
  }: {
    volunteer: { county: string };
    exclude: string[];
    limit: number;
  }) => (DIRECTORY[volunteer.county] ?? []).filter((p) => !exclude.includes(p.programId)).slice(0, limit),
  findPlaceablePrograms: async ({ exclude }: { exclude: string[] }) =>
    Object.values(DIRECTORY)
      .flat()
      .filter((p) => !exclude.includes(p.programId))
      .map(({ programId, name, contactEmail }) => ({ programId, name, contactEmail })),
  sendReferralConfirmation: async () => ({ sent: true }),
};

const volunteer = (county: string): Volunteer => ({
  name: 'V',
  email: `v-${county.toLowerCase()}@example.org`,
  phone: '916-555-0100',
  county,
  ageBand: '35-54',
  languages: ['English'],
  interests: [],
  youthAges: { min: 10, max: 14 },
  hoursPerMonth: 8,
  format: 'in_person',
});

async function complete(
  h: WorkflowHandle,
  type: string,
  outcome: string,
  actor: (ref?: string) => ActingUser,
  extra: { comment?: string; data?: Record<string, unknown>; ref?: string } = {},
) {
  const task = (await h.query(openTasksQuery)).find((t) => t.type === type && (!extra.ref || t.ref === extra.ref))!;
  await h.executeUpdate(completeTaskUpdate, {
    args: [{ taskId: task.id, outcome, comment: extra.comment, data: extra.data, actor: actor(task.ref) }],
  });
}
const staff = (ref?: string) => staffOf(ref!);

function starter(env: TestWorkflowEnvironment, taskQueue: string, policy: Policy) {
  return async (id: string, county: string, campaign?: string) => {
    const h = await env.client.workflow.start(mentorReferralWorkflow, {
      taskQueue,
      workflowId: mentorReferralWorkflowId(id),
      args: [
        {
          caseId: id,
          volunteer: volunteer(county),
          ...(campaign ? { campaign } : {}),
          policy,
          submittedBy: { id: 'volunteer', name: 'the volunteer' },
        },
      ],
    });
    await h.executeUpdate(caseRecordedUpdate);
    return h;
  };
}

export async function referralConfirmationStories(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const start = starter(env, taskQueue, policy);
  // Confirmed: offered to a, b, c; c declines (d offered), a makes contact and reports enrolled.
  const confirmed = await start('referral-history-4', 'Yolo', 'MentorsOfColor');
  await confirmed.executeUpdate(confirmReferralAddressUpdate);
  await complete(confirmed, 'contact_volunteer', 'declined', staff, { ref: 'ref-c', comment: 'full' });
  await complete(confirmed, 'contact_volunteer', 'contacted', staff, { ref: 'ref-a' });
  await complete(confirmed, 'report_outcome', 'enrolled', staff, { ref: 'ref-a' });
  await completed(confirmed);
  await save('mentor-referral-confirmed-enrolled', confirmed);

  // Never confirmed: it lapses after 7 days, nothing offered.
  const lapsed = await start('referral-history-5', 'Yolo');
  await env.sleep(8 * DAY);
  await completed(lapsed);
  await save('mentor-referral-unconfirmed-lapsed', lapsed);

  // Withdrawn through the e-mail's other link before the address was confirmed.
  const withdrawn = await start('referral-history-6', 'Lassen');
  await withdrawn.executeUpdate(withdrawReferralUpdate, {
    args: [{ actor: { id: 'volunteer', name: 'the volunteer' } }],
  });
  await completed(withdrawn);
  await save('mentor-referral-unconfirmed-withdrawn', withdrawn);
}

export async function referralStories(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  // Today's referrals wait for the volunteer to confirm their address before any offer; these
  // stories start after that (their first recordings come from code without the step).
  const unconfirmed = starter(env, taskQueue, policy);
  const start = async (id: string, county: string, campaign?: string) => {
    const h = await unconfirmed(id, county, campaign);
    await h.executeUpdate(confirmReferralAddressUpdate);
    return h;
  };

  // Enrolled: b declines (d offered in round 2), c finds no fit after contact, a makes contact and reports enrolled.
  const enrolled = await start('referral-history-1', 'Yolo', 'MentorsOfColor');
  await complete(enrolled, 'contact_volunteer', 'declined', staff, { ref: 'ref-b', comment: 'full' });
  await complete(enrolled, 'contact_volunteer', 'contacted', staff, { ref: 'ref-c' });
  await complete(enrolled, 'report_outcome', 'not_a_fit', staff, { ref: 'ref-c' });
  await complete(enrolled, 'contact_volunteer', 'contacted', staff, { ref: 'ref-a' });
  await complete(enrolled, 'report_outcome', 'enrolled', staff, { ref: 'ref-a' });
  await completed(enrolled);
  await save('mentor-referral-enrolled', enrolled);

  // Three rounds run out of time, a coordinator places it by hand, the volunteer withdraws.
  const rounds = await start('referral-history-2', 'Trinity');
  for (let round = 1; round <= 3; round++) {
    await env.sleep(12 * DAY); // 5 business days, holidays included
    await until(async () =>
      (await rounds.query(openTasksQuery)).some(
        (t) => t.type === (round === 3 ? 'place_referral' : 'contact_volunteer'),
      ),
    );
  }
  const details = await rounds.query(caseDetailsQuery);
  if (!details.placeable) throw new Error(`not awaiting placement: ${JSON.stringify(details.offers)}`);
  const placeable = details.placeable as { programId: string }[];
  await complete(rounds, 'place_referral', 'referred', () => coordinator, {
    data: { programIds: [placeable[0].programId] },
  });
  // And one more picked by hand while that offer is open.
  await rounds.executeUpdate(offerByHandUpdate, { args: [{ programs: [program('lass-a')], actor: coordinator }] });
  await rounds.executeUpdate(withdrawReferralUpdate, { args: [{ actor: { id: 'volunteer', name: 'the volunteer' } }] });
  await completed(rounds);
  await save('mentor-referral-rounds-withdrawn', rounds);

  // The only program drops below Affiliate; the coordinator closes the referral unplaced.
  const dropped = await start('referral-history-3', 'Lassen');
  await complete(dropped, 'contact_volunteer', 'contacted', staff, { ref: 'lass-a' });
  await dropped.signal(programUnavailableSignal, { programId: 'lass-a', reason: 'no longer a member' });
  await until(async () => (await dropped.query(openTasksQuery)).some((t) => t.type === 'place_referral'));
  await complete(dropped, 'place_referral', 'closed', () => coordinator, { comment: 'No program near the volunteer' });
  await completed(dropped);
  await save('mentor-referral-dropped-closed', dropped);
}
