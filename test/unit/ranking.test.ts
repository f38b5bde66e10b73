/** Ranking by fit (lib/ranking.ts) and the criteria of match suggestions and the online referral. */
import { rankBy } from '../../lib/ranking';
import { rankMentors } from '../../processes/foster/ranking';
import {
  mayReceiveReferral,
  rankPrograms,
  type ProgramCandidate,
  type VolunteerForReferral,
} from '../../processes/referral/ranking';

const program = (id: string, extra: Partial<ProgramCandidate> = {}): ProgramCandidate => ({
  programId: id,
  name: id,
  level: 'affiliate',
  contactEmail: `${id}@x.org`,
  accepting: true,
  counties: ['Yolo'],
  virtual: false,
  languages: ['English'],
  youthAges: { min: 8, max: 18 },
  openReferrals: 0,
  ...extra,
});
const volunteer: VolunteerForReferral = {
  county: 'Yolo',
  languages: ['Spanish'],
  youthAges: { min: 10, max: 12 },
  format: 'in_person',
};

test('criteria decide in order: the first that differs wins however the others add up', () => {
  const ranked = rankBy(
    [
      { id: 'many', a: 0, b: 9, c: 9 },
      { id: 'first', a: 1, b: 0, c: 0 },
      { id: 'tie', a: 1, b: 0, c: 0 },
    ],
    [{ score: (x) => x.a, reason: (x) => (x.a ? 'a' : undefined) }, { score: (x) => x.b }, { score: (x) => x.c }],
  );
  expect(ranked.map((r) => [r.item.id, r.rank])).toEqual([
    ['first', 1],
    ['tie', 2],
    ['many', 3],
  ]);
  expect(ranked[0].reasons).toEqual(['a']);
  expect(ranked[2].reasons).toEqual([]);
});

test('referrals go only to members at Affiliate or above that accept them and serve the county, or virtually when accepted', () => {
  expect(mayReceiveReferral(program('p'), volunteer)).toBe(true);
  expect(mayReceiveReferral(program('p', { level: 'none' }), volunteer)).toBe(false);
  expect(mayReceiveReferral(program('p', { accepting: false }), volunteer)).toBe(false);
  expect(mayReceiveReferral(program('p', { counties: ['Sutter'], virtual: true }), volunteer)).toBe(false);
  expect(
    mayReceiveReferral(program('p', { counties: ['Sutter'], virtual: true }), { ...volunteer, format: 'either' }),
  ).toBe(true);
  expect(mayReceiveReferral(program('p'), { ...volunteer, format: 'virtual' })).toBe(false);
  expect(mayReceiveReferral(program('p', { counties: ['YOLO'] }), volunteer)).toBe(true);
});

test('programs: county, language, format, youth ages, level, then the fewest open referrals', () => {
  const ranked = rankPrograms(volunteer, [
    program('busy-partner', { level: 'partner', openReferrals: 5 }),
    program('idle-partner', { level: 'partner', openReferrals: 1 }),
    program('spanish-affiliate', { languages: ['Spanish'] }),
    program('teens', { level: 'partner', youthAges: { min: 15, max: 18 } }),
    program('associate', { level: 'associate_partner' }),
    program('out', { level: 'none', languages: ['Spanish'] }),
  ]);
  expect(ranked.map((r) => r.item.programId)).toEqual([
    'spanish-affiliate',
    'idle-partner',
    'busy-partner',
    'associate',
    'teens',
  ]);
  expect(ranked[0].reasons).toEqual([
    'serves Yolo County',
    'mentors in Spanish',
    'meets in person',
    'serves youth aged 8–18',
    'Affiliate level',
    '0 open referrals',
  ]);
});

test('mentors: with equal fit, the one waiting longest comes first; former foster youth counts only when asked for', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  const m = (id: string, approvedAt: string, formerFosterYouth = false) => ({
    caseId: id,
    languages: ['English'],
    interests: [],
    county: 'Yolo',
    formerFosterYouth,
    approvedAt,
  });
  const pool = [m('recent', '2026-05-30T00:00:00Z', true), m('waiting', '2026-03-01T00:00:00Z')];
  const youth = { languages: ['English'], interests: [], county: 'Yolo' };
  expect(rankMentors(youth, pool, now).map((r) => r.item.caseId)).toEqual(['waiting', 'recent']);
  expect(rankMentors(youth, pool, now)[0].reasons).toContain('waiting 92 days since approval');
  expect(rankMentors({ ...youth, preferFormerFosterYouth: true }, pool, now).map((r) => r.item.caseId)).toEqual([
    'recent',
    'waiting',
  ]);
});
