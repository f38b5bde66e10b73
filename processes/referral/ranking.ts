/**
 * The online referral's order: the programs a volunteer may be referred to and how they
 * rank (docs/processes/mentor-referral.md), through lib/ranking.ts. Pure: no I/O.
 */
import { rangesOverlap, rankBy, sameText, shared, listed, type AgeRange, type Ranked } from '../../lib/ranking';

export const REFERRAL_LEVELS = ['affiliate', 'associate_partner', 'partner'] as const;
const LEVEL_ORDER: Record<string, number> = { affiliate: 1, associate_partner: 2, partner: 3 };
const LEVEL_NAME: Record<string, string> = {
  affiliate: 'Affiliate',
  associate_partner: 'Associate Partner',
  partner: 'Partner',
};

export interface ProgramCandidate {
  programId: string;
  name: string;
  level: string;
  contactEmail: string;
  accepting: boolean;
  counties: string[];
  virtual: boolean;
  languages: string[];
  youthAges: AgeRange;
  openReferrals: number;
}

export interface VolunteerForReferral {
  county: string;
  languages: string[];
  youthAges: AgeRange;
  format: 'in_person' | 'virtual' | 'either';
}

const servesCounty = (p: ProgramCandidate, county: string) => p.counties.some((c) => sameText(c, county));

/**
 * Who may receive a referral at all: Affiliate level or above, accepting referrals, and
 * serving the volunteer's county (or virtual, when the volunteer accepts virtual).
 */
export function mayReceiveReferral(p: ProgramCandidate, v: VolunteerForReferral): boolean {
  if (!(REFERRAL_LEVELS as readonly string[]).includes(p.level) || !p.accepting) return false;
  return (v.format !== 'virtual' && servesCounty(p, v.county)) || (v.format !== 'in_person' && p.virtual);
}

/** County, language, format, youth ages, level (Partner first), then the fewest open referrals. */
export function rankPrograms(
  v: VolunteerForReferral,
  programs: readonly ProgramCandidate[],
): Ranked<ProgramCandidate>[] {
  const formatFits = (p: ProgramCandidate) =>
    v.format === 'either' ? true : v.format === 'virtual' ? p.virtual : servesCounty(p, v.county);
  return rankBy(
    programs.filter((p) => mayReceiveReferral(p, v)),
    [
      {
        score: (p) => (servesCounty(p, v.county) ? 1 : 0),
        reason: (p) => (servesCounty(p, v.county) ? `serves ${v.county} County` : undefined),
      },
      {
        score: (p) => (shared(p.languages, v.languages).length ? 1 : 0),
        reason: (p) => listed('mentors in', shared(v.languages, p.languages)),
      },
      {
        score: (p) => (formatFits(p) ? 1 : 0),
        reason: (p) =>
          formatFits(p)
            ? p.virtual && v.format !== 'in_person'
              ? 'offers virtual mentoring'
              : 'meets in person'
            : undefined,
      },
      {
        score: (p) => (rangesOverlap(p.youthAges, v.youthAges) ? 1 : 0),
        reason: (p) =>
          rangesOverlap(p.youthAges, v.youthAges)
            ? `serves youth aged ${p.youthAges.min}–${p.youthAges.max}`
            : undefined,
      },
      { score: (p) => LEVEL_ORDER[p.level] ?? 0, reason: (p) => `${LEVEL_NAME[p.level]} level` },
      {
        score: (p) => -p.openReferrals,
        reason: (p) => `${p.openReferrals} open referral${p.openReferrals === 1 ? '' : 's'}`,
      },
    ],
  );
}
