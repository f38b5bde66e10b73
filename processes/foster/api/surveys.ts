/**
 * Relationship surveys through their one-time link (no account; docs/processes/match-surveys.md):
 * the API (GET the instrument in the respondent's language, POST the
 * answers once) and the small HTML form behind the e-mailed link, like a reference's (no
 * JavaScript). Unknown, spent and expired links are all simply not found. An answer is
 * checked against the survey's instrument, recorded and its links spent in one transaction,
 * then the match is told (a closed match: the answer is kept). With the admins' routes to
 * read and publish instrument versions.
 */
import express, { type Express } from 'express';
import { WorkflowNotFoundError } from '@temporalio/client';
import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../../../platform/api/audit';
import { actorOf } from '../../../platform/api/auth';
import { HttpProblem, notFound } from '../../../platform/api/errors';
import { htmlPage, pageWords } from '../../../platform/api/pages';
import { isLanguage, requestLanguage } from '../../../platform/i18n/language';
import type { RouteContext } from '../../../platform/api/process-routes';
import type { EmailLanguage } from '../../../platform/emails/messages';
import { surveyAnsweredSignal } from '../messages';
import type { SurveyRespondent } from '../match/support-types';
import {
  answerProblems,
  instrumentFor,
  instrumentInput,
  scoreAnswers,
  type Answer,
  type SurveyInstrument,
} from '../surveys/instrument';
import {
  ensureShippedInstrument,
  loadInstrument,
  recordResponse,
  surveyOfToken,
  toInstrument,
} from '../activities/survey-store';

const answersBody = z
  .object({
    answers: z
      .array(z.object({ itemId: z.string().min(1).max(40), value: z.number() }).strict())
      .min(1)
      .max(30),
  })
  .strict()
  .openapi('SurveyAnswers');
const scaleSchema = z.object({ min: z.number(), max: z.number(), minLabel: z.string(), maxLabel: z.string() });
const surveySchema = z
  .object({
    instrument: z.object({
      id: z.string(),
      version: z.number().int(),
      language: z.string(),
      items: z.array(z.object({ id: z.string(), text: z.string(), scale: scaleSchema })),
    }),
  })
  .openapi('Survey');
const worded = z.object({ en: z.string(), es: z.string() });
const instrumentSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string(),
    reason: z.string(),
    scale: z.object({ min: z.number(), max: z.number(), minLabel: worded, maxLabel: worded }),
    items: z.array(
      z.object({ id: z.string(), text: z.object({ mentor: worded, youth: worded }), reverse: z.boolean().optional() }),
    ),
    bands: z.array(z.object({ band: z.string(), from: z.number() })),
  })
  .openapi('SurveyInstrument');

/** Registers the API routes; returns a function that mounts the survey page on the app. */
export function registerSurveyRoutes({ api, db, temporal }: RouteContext): (app: Express) => void {
  async function opened(token: string) {
    const survey = await surveyOfToken(db, token);
    const instrument = survey && (await loadInstrument(db, survey.instrument_id, survey.instrument_version));
    if (!survey || !instrument) throw notFound('The link');
    return { survey, instrument, language: survey.language as EmailLanguage };
  }

  /** `shownIn`: the language the page showed when it is not the survey's (the respondent switched). */
  async function answer(token: string, answers: Answer[], shownIn?: EmailLanguage): Promise<{ status: 'answered' }> {
    const { survey, instrument, language: sentIn } = await opened(token);
    const language = shownIn ?? sentIn;
    const problems = answerProblems(instrument, answers);
    if (problems.length)
      throw new HttpProblem(
        422,
        'Unprocessable Content',
        'The answers do not fit the survey',
        'invalid_answers',
        problems,
      );
    const score = scoreAnswers(instrument, answers);
    const recorded = await recordResponse(
      db,
      {
        surveyId: survey.survey_id,
        matchCaseId: survey.match_case_id,
        respondent: survey.respondent,
        round: survey.round,
        instrumentId: instrument.id,
        instrumentVersion: instrument.version,
        language,
        score,
        answers,
        collected: 'link',
      },
      survey.tokenHash,
    );
    if (!recorded) throw notFound('The link');
    try {
      await temporal.workflow.getHandle(survey.workflow_id).signal(surveyAnsweredSignal, {
        surveyId: survey.survey_id,
        score,
        instrumentId: instrument.id,
        instrumentVersion: instrument.version,
      });
    } catch (err) {
      // A closed match is told nothing more: the answer is kept all the same.
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
    return { status: 'answered' };
  }

  api.route({
    method: 'get',
    path: '/surveys/:token',
    tag: 'foster',
    auth: 'public',
    errors: [404],
    summary: "A relationship survey's instrument, in its respondent's language, through the one-time link",
    response: surveySchema,
    handler: async ({ params }) => {
      const { survey, instrument, language } = await opened(params.token);
      return { body: { instrument: instrumentFor(instrument, survey.respondent as SurveyRespondent, language) } };
    },
  });

  api.route({
    method: 'post',
    path: '/surveys/:token',
    tag: 'foster',
    auth: 'public',
    errors: [404, 422],
    summary: "A relationship survey's answers through the one-time link (once; no account)",
    body: answersBody,
    response: z.object({ status: z.literal('answered') }),
    handler: async ({ params, body }) => ({ body: await answer(params.token, body.answers) }),
  });

  api.route({
    method: 'get',
    path: '/survey-instruments',
    tag: 'foster',
    auth: ['admin'],
    summary: 'Every version of every survey instrument, newest first',
    response: z.object({ items: z.array(instrumentSchema) }),
    handler: async () => {
      await ensureShippedInstrument(db);
      const rows = await db
        .selectFrom('survey_instruments')
        .selectAll()
        .orderBy('id')
        .orderBy('version', 'desc')
        .execute();
      return { body: { items: rows.map(toInstrument) } };
    },
  });

  api.route({
    method: 'post',
    path: '/survey-instruments',
    tag: 'foster',
    auth: ['admin'],
    summary: 'Publishes a new version of a survey instrument; surveys sent after it use it',
    body: instrumentInput,
    response: instrumentSchema,
    status: 201,
    handler: async ({ user, body }) => {
      await ensureShippedInstrument(db);
      const actor = actorOf(user);
      const { id, reason, ...definition } = body;
      const row = await db.transaction().execute(async (tx) => {
        // One publisher at a time: each takes the next number.
        await sql`LOCK TABLE survey_instruments IN EXCLUSIVE MODE`.execute(tx);
        const last = await tx
          .selectFrom('survey_instruments')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const saved = await tx
          .insertInto('survey_instruments')
          .values({
            id,
            version: Number(last.v ?? 0) + 1,
            created_by: actor.id,
            reason,
            definition: JSON.stringify(definition),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(tx, {
          actor,
          kind: 'survey_instrument_published',
          target: `survey_instrument:${id}:${saved.version}`,
          before: { version: Number(last.v ?? 0) },
          after: { version: saved.version, items: definition.items.length },
          reason,
        });
        return saved;
      });
      return { body: toInstrument(row) };
    },
  });

  return (app: Express) => mountSurveyPage(app, opened, answer);
}

type Opened = (
  token: string,
) => Promise<{ survey: { respondent: string }; instrument: SurveyInstrument; language: EmailLanguage }>;

/** The form behind the e-mailed link, in the respondent's language: one scale per item, no JavaScript. */
function mountSurveyPage(
  app: Express,
  opened: Opened,
  answer: (token: string, answers: Answer[], shownIn?: EmailLanguage) => Promise<unknown>,
): void {
  // The form and a refused link offer the other language; the answer to a POST does not.
  const send = (res: express.Response, l: EmailLanguage, title: string, body: string, switchLanguage = false) =>
    void res.type('html').send(htmlPage(pageWords(l, title), body, l, { switchLanguage }));
  const invalid = (res: express.Response, l: EmailLanguage) =>
    send(res.status(404), l, 'page.link_invalid.title', `<p>${pageWords(l, 'page.survey_invalid.body')}</p>`, true);
  // An unknown link has no language: the one asked for (`?lang=`, else Accept-Language).
  const langOf = (req: express.Request): EmailLanguage => requestLanguage(req);
  // A survey is in its respondent's language unless the page's switch asked for another.
  const shownIn = (req: express.Request, survey: EmailLanguage): EmailLanguage =>
    isLanguage(req.query.lang) ? req.query.lang : survey;

  app.get('/surveys/:token', async (req, res) => {
    let o;
    try {
      o = await opened(req.params.token);
    } catch {
      return invalid(res, langOf(req));
    }
    const l = shownIn(req, o.language);
    const shown = instrumentFor(o.instrument, o.survey.respondent as SurveyRespondent, l);
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const items = shown.items.map((item) => {
      const { min, max, minLabel, maxLabel } = item.scale;
      const choices = Array.from({ length: max - min + 1 }, (_, i) => min + i).map((v) => {
        const label = v === min ? ` (${esc(minLabel)})` : v === max ? ` (${esc(maxLabel)})` : '';
        const required = v === min ? ' required' : '';
        return `<label><input type="radio" name="${item.id}" value="${v}"${required}> ${v}${label}</label>`;
      });
      return `<fieldset><legend>${esc(item.text)}</legend>\n${choices.join('\n')}</fieldset>`;
    });
    send(
      res,
      l,
      'page.survey.title',
      `<p>${pageWords(l, 'page.survey.intro')}</p>\n<form method="post">\n${items.join('\n')}\n` +
        `<p>${pageWords(l, 'page.survey.notice')}</p>\n<button type="submit">${pageWords(l, 'page.survey.send')}</button></form>`,
      true,
    );
  });

  app.post('/surveys/:token', express.urlencoded({ extended: false, limit: '20kb' }), async (req, res) => {
    let o;
    try {
      o = await opened(req.params.token);
    } catch {
      return invalid(res, langOf(req));
    }
    const l = shownIn(req, o.language);
    const answers = o.instrument.items.map((item) => ({ itemId: item.id, value: Number(req.body?.[item.id]) }));
    if (answerProblems(o.instrument, answers).length)
      return send(
        res.status(400),
        l,
        'page.survey.incomplete.title',
        `<p>${pageWords(l, 'page.survey.incomplete.body')}</p>`,
      );
    try {
      await answer(req.params.token, answers, l);
      send(res, l, 'page.thanks.title', `<p>${pageWords(l, 'page.survey.recorded')}</p>`);
    } catch (err) {
      if (err instanceof HttpProblem && err.status === 404) invalid(res, l);
      else throw err;
    }
  });
}
