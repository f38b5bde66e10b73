/**
 * One model per workflow of workflows/index.ts. Left out: the outbox sweeper, which has no
 * case, no tasks and no people (it calls sweepOutbox every few seconds, forever); that
 * nothing unsent stays unsent is the chaos run's outbox check.
 */
import type { SimModel } from '../model';
import { certificationModel, programRecordModel } from './certification';
import { eceCertificationModel, ecePlacementModel } from './ece';
import { callerScreeningModel, mentorScreeningModel, youthReferralModel } from './foster';
import { leaveModel } from './leave';
import { matchModel } from './match';
import { referralModel } from './referral';
import { wellnessModel } from './wellness';

export const MODELS: SimModel[] = [
  leaveModel,
  programRecordModel,
  certificationModel,
  mentorScreeningModel,
  youthReferralModel,
  matchModel,
  referralModel,
  callerScreeningModel,
  wellnessModel,
  eceCertificationModel,
  ecePlacementModel,
];
