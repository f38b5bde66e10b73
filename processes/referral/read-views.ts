/**
 * What each reader of a mentor referral reads (docs/security.md, "What each role reads"): the
 * partnership's coordinators and the staff of a program it was offered to everything; other
 * viewers (admins, reviewers) the offers and outcome without the volunteer. Declared by the
 * descriptor, applied by platform/api/read-views.ts.
 */
import { EVERYTHING, type Reader, type View } from '../../platform/workflow/read-view';

export const REFERRAL_VIEWS: readonly View[] = [
  {
    kind: 'contact',
    who: 'partnership coordinators and the staff of a program the volunteer was offered to',
    ...EVERYTHING,
  },
  {
    kind: 'outline',
    who: 'other viewers (admins, reviewers): offers and outcome',
    ...EVERYTHING,
    details: { omit: ['volunteer'] },
  },
];

export function referralReader(r: Reader): string | undefined {
  if (!r.canSeeCase()) return undefined;
  const offers = (r.details.offers as { programId?: string }[] | undefined) ?? [];
  const offered = offers.some((o) => !!r.user.programId && o?.programId === r.user.programId);
  return r.has('partnership_coordinator') || (r.has('program_staff') && offered) ? 'contact' : 'outline';
}
