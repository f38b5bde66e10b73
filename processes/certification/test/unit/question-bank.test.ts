/**
 * The question banks the product ships: version 1 is the 18 questions of every case started
 * before banks were versioned; version 2 (question-bank-v2.json) is the full bank, at least
 * 50 questions covering all six standards, and passes the check a published version must.
 */
import { questionListInput } from '../../question-bank';
import shipped from '../../question-bank-v2.json';
import { QUESTIONS, STANDARDS } from '../../questions';

test('the shipped bank has at least 50 questions, covers every standard, and is publishable', () => {
  const parsed = questionListInput.safeParse(shipped.questions);
  expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  expect(shipped.version).toBe(2);
  expect(shipped.questions.length).toBeGreaterThanOrEqual(50);
  for (const standard of STANDARDS) {
    expect(shipped.questions.filter((q) => q.standard === standard).length).toBeGreaterThanOrEqual(3);
  }
});

test('version 1 is the 18 questions asked before banks were versioned, three a standard', () => {
  expect(QUESTIONS).toHaveLength(18);
  expect(questionListInput.safeParse(QUESTIONS).success).toBe(true);
  for (const standard of STANDARDS) expect(QUESTIONS.filter((q) => q.standard === standard)).toHaveLength(3);
  expect(QUESTIONS[0]).toMatchObject({ id: 'rec-1', standard: 'recruitment', answerType: 'yes_partially_no' });
});

test('a bank is refused for a repeated id, a missing standard or an unknown answer type, at each path', () => {
  const bank = QUESTIONS.filter((q) => q.standard !== 'closure').map((q) => ({ ...q }));
  bank[1].id = bank[0].id;
  const withBadType = [...bank.slice(0, 2), { ...bank[2], answerType: 'stars' }, ...bank.slice(3)];
  const r = questionListInput.safeParse(withBadType);
  expect(r.success).toBe(false);
  const issues = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  expect(issues).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^1\.id: duplicate id/),
      expect.stringMatching(/^2\.answerType:/),
      expect.stringMatching(/^: no question for the standard closure/),
    ]),
  );
});

test('every question the product ships has its Spanish wording, not its English one', () => {
  const lacking = [...QUESTIONS, ...questionListInput.parse(shipped.questions)]
    .filter((q) => !q.translations?.es?.trim() || q.translations.es === q.text || !/^¿.*\?$/.test(q.translations.es))
    .map((q) => q.id);
  expect(lacking).toEqual([]);
});

test("a bank may word its questions in Spanish, or only in English; a language the product doesn't speak is refused", () => {
  const english = QUESTIONS.map(({ translations: _es, ...q }) => q);
  expect(questionListInput.safeParse(english).success).toBe(true);
  const french = QUESTIONS.map((q, i) => (i === 4 ? { ...q, translations: { fr: 'Le programme…' } } : q));
  const r = questionListInput.safeParse(french);
  expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['4.translations.fr']);
});
