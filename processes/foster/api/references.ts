/**
 * A reference's answer to a mentor or caller screening, through the one-time link e-mailed to
 * them (no account): the API route, and the small HTML form behind the link (no JavaScript,
 * no sign-in: a reference answers from any phone; pages.ts). Unknown, used and expired links
 * are all simply not found.
 */
import express, { type Express } from 'express';
import type { z } from 'zod';
import type { Db } from '../../../db';
import { hashToken } from '../../../platform/activities/one-time-links';
import { CONFIRM_LINK, WITHDRAW_LINK } from '../../referral/links';
import { HttpProblem, notFound, problemFromTemporal } from '../../../platform/api/errors';
import { htmlPage, pageWords } from '../../../platform/api/pages';
import { requestLanguage } from '../../../platform/i18n/language';
import type { RouteContext } from '../../../platform/api/process-routes';
import { updateCase } from '../../../platform/api/updates';
import { referenceAnswerInput } from '../inputs';
import { referenceAnswerUpdate } from '../messages';
import { SURVEY_LINK_PREFIX } from '../activities/survey-store';

/** A volunteer's one-time links share the table: they are never a reference's answer link. */
const VOLUNTEER_LINKS = [WITHDRAW_LINK, CONFIRM_LINK];
const referenceAnswer = referenceAnswerInput;

/** The link of this token if it is still good for an answer. */
async function liveLink(db: Db, token: string) {
  const link = await db
    .selectFrom('reference_links')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .where('reference_id', 'not in', VOLUNTEER_LINKS)
    // A relationship survey's links share the table too (surveys.ts).
    .where('reference_id', 'not like', `${SURVEY_LINK_PREFIX}%`)
    .executeTakeFirst();
  return link && !link.used_at && new Date(link.expires_at).getTime() > Date.now() ? link : undefined;
}

/** Registers the API route; returns a function that mounts the reference page on the app. */
export function registerReferenceRoutes({ api, db, temporal }: RouteContext): (app: Express) => void {
  async function answerReference(token: string, answer: z.infer<typeof referenceAnswer>) {
    const link = await liveLink(db, token);
    if (!link) throw notFound('The link');
    try {
      await updateCase(temporal, link, referenceAnswerUpdate, { arg: { referenceId: link.reference_id, ...answer } });
    } catch (err) {
      const p = problemFromTemporal(err);
      if (p?.code === 'reference_link_used' || p?.code === 'case_closed') throw notFound('The link');
      throw err;
    }
    return { status: 'answered', recommendation: answer.recommendation };
  }

  api.route({
    method: 'post',
    path: '/foster/references/:token',
    tag: 'foster',
    auth: 'public',
    errors: [404],
    summary: "A reference's answer through the e-mailed one-time link (no account)",
    body: referenceAnswer,
    handler: async ({ params, body }) => ({ body: await answerReference(params.token, body) }),
  });

  return (app: Express) => {
    // No JavaScript and no sign-in: a reference answers from any phone, in the language the
    // link says (`?lang=`, which a Spanish e-mail's link has) or the browser's (pages.ts).
    // The form and a refused link offer the other language; the answer to a POST does not.
    const send = (
      req: express.Request,
      res: express.Response,
      title: string,
      body: (string | [string])[],
      switchLanguage = false,
    ) => {
      const l = requestLanguage(req);
      const html = body.map((part) => (typeof part === 'string' ? part : pageWords(l, part[0]))).join('');
      res.type('html').send(htmlPage(pageWords(l, title), html, l, { switchLanguage }));
    };
    const invalid = (req: express.Request, res: express.Response, key: string) =>
      send(req, res.status(404), 'page.link_invalid.title', ['<p>', [key], '</p>'], true);
    app.get('/references/:token', async (req, res) => {
      if (!(await liveLink(db, req.params.token))) return void invalid(req, res, 'page.reference_invalid.body');
      send(
        req,
        res,
        'page.reference.title',
        [
          '<form method="post">\n<fieldset><legend>',
          ['page.reference.question'],
          '</legend>\n<label><input type="radio" name="recommendation" value="yes" required> ',
          ['page.reference.yes'],
          '</label>\n<label><input type="radio" name="recommendation" value="with_reservations"> ',
          ['page.reference.with_reservations'],
          '</label>\n<label><input type="radio" name="recommendation" value="no"> ',
          ['page.reference.no'],
          '</label></fieldset>\n<label for="comments">',
          ['page.reference.comments'],
          '</label><textarea id="comments" name="comments" rows="6" maxlength="5000"></textarea>\n<p>',
          ['page.reference.notice'],
          '</p>\n<button type="submit">',
          ['page.reference.send'],
          '</button></form>',
        ],
        true,
      );
    });
    app.post('/references/:token', express.urlencoded({ extended: false, limit: '20kb' }), async (req, res) => {
      const parsed = referenceAnswer.safeParse({
        recommendation: req.body?.recommendation,
        ...(req.body?.comments ? { comments: String(req.body.comments) } : {}),
      });
      if (!parsed.success)
        return void send(req, res.status(400), 'page.reference.choose.title', [
          '<p>',
          ['page.reference.choose.body'],
          '</p>',
        ]);
      try {
        await answerReference(req.params.token, parsed.data);
        send(req, res, 'page.thanks.title', ['<p>', ['page.reference.recorded'], '</p>']);
      } catch (err) {
        if (err instanceof HttpProblem && err.status === 404) invalid(req, res, 'page.reference_used.body');
        else throw err;
      }
    });
  };
}
