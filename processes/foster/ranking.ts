/**
 * The match suggestions' order: approved mentors for a ready youth (GET
 * /foster/youth/:caseId/suggestions), ranked by the criteria below through lib/ranking.ts.
 * Pure: no I/O.
 */
import { rankBy, sameText, shared, listed, type Ranked } from '../../lib/ranking';

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
      reason: (m) => listed('speaks', shared(m.languages, youth.languages)),
    },
    {
      score: (m) => (sameText(m.county, youth.county) ? 1 : 0),
      reason: (m) => (sameText(m.county, youth.county) ? `lives in ${youth.county} County` : undefined),
    },
    {
      score: (m) => shared(m.interests, youth.interests).length,
      reason: (m) => listed('shares interests:', shared(m.interests, youth.interests)),
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
