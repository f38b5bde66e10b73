/**
 * Ranking by fit, one module for the two places people are offered a choice: the match
 * suggestions (approved mentors for a ready youth, GET /foster/youth/:caseId/suggestions)
 * and the online referral (programs for a volunteer, docs/processes/mentor-referral.md). Criteria are listed
 * in order of importance and compared one after another — the first that differs decides
 * — so a rule such as "Partner before Associate Partner" is never outweighed by a sum of
 * lesser points. Each criterion that counted says why, and the reasons go out with the
 * rank so a case worker or coordinator sees what the order rests on. Pure: no I/O.
 */

export interface Criterion<T> {
  /** Higher is better; items equal here fall through to the next criterion. */
  score: (item: T) => number;
  /** Why it counted for this item (shown to people), or nothing. */
  reason?: (item: T) => string | undefined;
}

export interface Ranked<T> {
  item: T;
  rank: number;
  reasons: string[];
}

/** Sorts by the criteria in order (stable: equal items keep their given order). */
export function rankBy<T>(items: readonly T[], criteria: readonly Criterion<T>[]): Ranked<T>[] {
  const scored = items.map((item) => ({ item, scores: criteria.map((c) => c.score(item)) }));
  scored.sort((a, b) => {
    for (let i = 0; i < criteria.length; i++) if (a.scores[i] !== b.scores[i]) return b.scores[i] - a.scores[i];
    return 0;
  });
  return scored.map(({ item }, i) => ({
    item,
    rank: i + 1,
    reasons: criteria.flatMap((c) => {
      const r = c.reason?.(item);
      return r ? [r] : [];
    }),
  }));
}

const norm = (s: string) => s.trim().toLowerCase();
/** The entries of `a` that `b` also has (case-insensitive), in `a`'s spelling. */
export function shared(a: readonly string[], b: readonly string[]): string[] {
  const inB = new Set(b.map(norm));
  return a.filter((x) => inB.has(norm(x)));
}
export const sameText = (a?: string | null, b?: string | null): boolean => !!a && !!b && norm(a) === norm(b);

export interface AgeRange {
  min: number;
  max: number;
}
export const rangesOverlap = (a: AgeRange, b: AgeRange): boolean => a.min <= b.max && b.min <= a.max;

// ---- mentors for a youth (match suggestions) ----------------------------------------------

export interface MentorCandidate {
  caseId: string;
  languages: string[];
  interests: string[];
  county?: string;
  formerFosterYouth: boolean;
  /** When the mentor was approved (waiting in the pool since). */
  approvedAt: string;
}

export interface YouthForMatching {
  languages: string[];
  interests: string[];
  county: string;
  /** The youth's social worker asked for a mentor who was in foster care. */
  preferFormerFosterYouth?: boolean;
}

const DAY_MS = 86_400_000;

/** Language, county, interests, former foster youth (when asked for), then the longest wait. */
export function rankMentors(
  youth: YouthForMatching,
  mentors: readonly MentorCandidate[],
  now: number,
): Ranked<MentorCandidate>[] {
  const waitingDays = (m: MentorCandidate) => Math.max(0, Math.floor((now - Date.parse(m.approvedAt)) / DAY_MS));
  return rankBy(mentors, [
    {
      score: (m) => (shared(m.languages, youth.languages).length ? 1 : 0),
      reason: (m) => list('speaks', shared(m.languages, youth.languages)),
    },
    {
      score: (m) => (sameText(m.county, youth.county) ? 1 : 0),
      reason: (m) => (sameText(m.county, youth.county) ? `lives in ${youth.county} County` : undefined),
    },
    {
      score: (m) => shared(m.interests, youth.interests).length,
      reason: (m) => list('shares interests:', shared(m.interests, youth.interests)),
    },
    {
      score: (m) => (youth.preferFormerFosterYouth && m.formerFosterYouth ? 1 : 0),
      reason: (m) =>
        youth.preferFormerFosterYouth && m.formerFosterYouth
          ? 'former foster youth, as the social worker asked'
          : undefined,
    },
    {
      score: (m) => now - Date.parse(m.approvedAt),
      reason: (m) => `waiting ${waitingDays(m)} day${waitingDays(m) === 1 ? '' : 's'} since approval`,
    },
  ]);
}

// ---- programs for a volunteer (online referral) --------------------------------------------

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
        reason: (p) => list('mentors in', shared(v.languages, p.languages)),
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

function list(prefix: string, items: string[]): string | undefined {
  return items.length ? `${prefix} ${items.join(', ')}` : undefined;
}
