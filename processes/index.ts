/**
 * The registry of processes: one line per process. Every list the platform keeps of case
 * types, task types, policy sections, supervising roles, named parties, preloaded schemas and
 * API routes is derived from these descriptors (docs/adding-a-process.md). Its order is the
 * order of those lists. Pure data: imported by workflow code, so no process's routes here.
 */
import { mentoringLeaveProcess } from './mentoring-leave/descriptor';
import { fosterProcess } from './foster/descriptor';
import { certificationProcess } from './certification/descriptor';
import { referralProcess } from './referral/descriptor';
import { wellnessProcess } from './wellness/descriptor';
import { eceProcess } from './ece/descriptor';
import { programsProcess } from './programs/descriptor';

export const PROCESSES = [
  mentoringLeaveProcess,
  fosterProcess,
  certificationProcess,
  referralProcess,
  wellnessProcess,
  eceProcess,
  programsProcess,
] as const;
