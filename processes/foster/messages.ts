import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActingUser } from '../../platform/workflow/records';
import type { ClosureInitiator, ClosureKind } from './match/support-types';
import type { ClosureReason, Recommendation, Reference } from './types';

export interface ReferenceAnswerInput {
  referenceId: string;
  recommendation: Recommendation;
  comments?: string;
}

/** A reference's answer through their one-time link. */
export const referenceAnswerUpdate = defineUpdate<Reference, [ReferenceAnswerInput]>('referenceAnswer');
export const logTrainingUpdate = defineUpdate<
  { trainingHours: number },
  [{ date: string; hours: number; module: string; actor: ActingUser }]
>('logTraining');
export const withdrawApplicationUpdate = defineUpdate<{ stage: string }, [{ reason: string; actor: ActingUser }]>(
  'withdrawApplication',
);

/** Holds a mentor or youth for a proposed match; refused when they are not free. */
export const reserveForMatchUpdate = defineUpdate<{ reservedUntil: string }, [{ matchId: string }]>('reserveForMatch');
/** From the match case: the match exists (confirms a reservation) or has ended (frees the party). */
export const matchConfirmedSignal = defineSignal<[{ matchId: string }]>('matchConfirmed');
/** From a party's record to a match that confirmed it too late: the party is in another match. */
export const partyTakenSignal = defineSignal<[{ party: 'mentor' | 'youth'; reason: string }]>('partyTaken');
export const matchEndedSignal = defineSignal<[{ matchId: string; outcome: 'cancelled' | 'closed' }]>('matchEnded');

/** A youth's referral ends without a match (left care, moved, declined the program): its case worker or a supervisor closes it. */
export const closeYouthReferralUpdate = defineUpdate<{ stage: string }, [{ reason: string; actor: ActingUser }]>(
  'closeYouthReferral',
);
export const closeMatchUpdate = defineUpdate<
  { stage: string },
  [{ reason: ClosureReason; notes: string; kind?: ClosureKind; initiatedBy?: ClosureInitiator; actor: ActingUser }]
>('closeMatch');
/** A case supervisor reopens a match closed by mistake, within the policy's window (the API reserves both parties first). */
export const reopenMatchUpdate = defineUpdate<{ stage: string }, [{ notes?: string; actor: ActingUser }]>(
  'reopenMatch',
);

/** From the survey API: a match's relationship survey was answered through its one-time link. */
export const surveyAnsweredSignal =
  defineSignal<[{ surveyId: string; score: number; instrumentId: string; instrumentVersion: number }]>(
    'surveyAnswered',
  );
