/**
 * Who acts for a program: its own staff (the program staff of that program) or an admin.
 * A rule the processes that work on a program share — a certification's self-assessment
 * and work plan, a program's referral settings — so it lives with the program records.
 * Pure: used by workflow validators and the API alike.
 */
import type { Refusal } from '../../platform/workflow/refusals';
import type { ActingUser } from '../../platform/workflow/records';

const has = (u: ActingUser, role: string) => u.roles.includes(role);

/** The self-assessment, the work plan and applications are the program's own staff's (or an admin's). */
export function programStaff(user: ActingUser, programId: string | null | undefined): Refusal | undefined {
  const own = has(user, 'program_staff') && !!programId && user.programId === programId;
  return has(user, 'admin') || own
    ? undefined
    : { code: 'not_permitted', message: "Only the program's own staff may do this" };
}
