/**
 * The relationship-quality instrument's scoring (docs/processes/match-surveys.md, "Scoring"):
 * answers placed on 0-1 along the scale, reversed items from the other end, their mean times
 * 100; the bands; what makes a set of answers refused; and the shipped instrument is one an
 * administrator could publish.
 */
import { answerProblems, bandOf, instrumentFor, instrumentInput, scoreAnswers } from '../../surveys/instrument';
import { SHIPPED_INSTRUMENT as rq } from '../../surveys/relationship-quality';

const all = (value: number, reversed = value) =>
  rq.items.map((i) => ({ itemId: i.id, value: i.reverse ? reversed : value }));

test('the score: 0 to 100 along the scale, the reversed items counted from the other end', () => {
  expect(scoreAnswers(rq, all(5, 1))).toBe(100);
  expect(scoreAnswers(rq, all(1, 5))).toBe(0);
  expect(scoreAnswers(rq, all(4, 2))).toBe(75);
  // Agreeing with everything, the two reversed statements included: 6 of 8 at the top.
  expect(scoreAnswers(rq, all(5))).toBe(75);
  expect(scoreAnswers(rq, all(3))).toBe(50);
});

test('the bands: strong from 75, fair from 50, weak below', () => {
  expect([100, 75, 74.9, 50, 49.9, 0].map((s) => bandOf(rq, s))).toEqual([
    'strong',
    'strong',
    'fair',
    'fair',
    'weak',
    'weak',
  ]);
});

test('answers refused: an unknown item, a value off the scale or not whole, an item twice or missing', () => {
  expect(answerProblems(rq, all(4))).toEqual([]);
  const paths = (answers: { itemId: string; value: number }[]) => answerProblems(rq, answers).map((p) => p.path);
  expect(paths([...all(4), { itemId: 'nope', value: 3 }])).toEqual(['answers.8.itemId']);
  expect(paths(all(4).map((a, i) => (i === 2 ? { ...a, value: 6 } : a)))).toEqual(['answers.2.value']);
  expect(paths(all(4).map((a, i) => (i === 2 ? { ...a, value: 2.5 } : a)))).toEqual(['answers.2.value']);
  expect(paths([...all(4), all(4)[0]])).toEqual(['answers.8.itemId']);
  expect(paths(all(4).slice(1))).toEqual(['answers']);
});

test('each respondent reads their own words in their language', () => {
  expect(instrumentFor(rq, 'youth', 'es').items[0]).toEqual({
    id: 'trust',
    text: 'Mi mentor y yo nos tenemos confianza.',
    scale: { min: 1, max: 5, minLabel: 'Muy en desacuerdo', maxLabel: 'Muy de acuerdo' },
  });
  expect(instrumentFor(rq, 'mentor', 'en').items[0].text).toBe('My mentee and I trust each other.');
});

test('the shipped instrument passes the check of a new version', () => {
  const { id, scale, items, bands } = rq;
  expect(instrumentInput.safeParse({ id, reason: 'as shipped', scale, items, bands }).success).toBe(true);
});
