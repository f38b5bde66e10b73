/**
 * `/templates` (docs/emails.md, "Editing the words in the web app"): admins read and change
 * the words of every e-mail per language, preview them with sample values and send themselves
 * a test; the words saved are used by the next e-mail written, in new and running cases.
 */
import { z } from 'zod';
import type { Db } from '../../../db';
import { EMAIL_LANGUAGES } from '../../emails/messages';
import type { User } from '../auth';
import { unprocessable } from '../errors';
import type { ApiBuilder } from '../http';
import {
  BODY_MAX,
  listTemplates,
  previewTemplate,
  resetTemplate,
  saveTemplate,
  sendTestEmail,
  SUBJECT_MAX,
  templateAt,
  templateDetail,
} from '../templates';
import { actorOf } from './people';

const language = z.enum(EMAIL_LANGUAGES);
const info = {
  id: z.string().describe('`<process>.<message-id>`, e.g. mentoring-leave.request-approved'),
  process: z.string(),
  message: z.string(),
  variables: z.array(z.string()).describe('The placeholders the words may use, as {{name}}'),
};
const words = { subject: z.string().min(1).max(SUBJECT_MAX), body: z.string().min(1).max(BODY_MAX) };

const summarySchema = z
  .object({
    ...info,
    languages: z.array(language).describe('Languages with words of their own (a file or saved words)'),
    overridden: z.boolean(),
    overriddenLanguages: z.array(language),
  })
  .openapi('EmailTemplateSummary');

const detailSchema = z
  .object({
    ...info,
    language,
    ...words,
    wordsLanguage: language.describe('English when this language has no words of its own yet'),
    from: z.enum(['override', 'file']),
    overridden: z.boolean(),
    version: z.number().int().optional(),
    updatedBy: z.string().optional(),
    updatedAt: z.string().optional(),
    file: z.object(words).describe('The words of the file, which a reset goes back to'),
  })
  .openapi('EmailTemplate');

const sample = z.record(z.union([z.string().max(2000), z.number()])).optional();
const draftBody = z
  .object({ subject: words.subject.optional(), body: words.body.optional(), sample })
  .strict()
  .describe('Words to try before saving (those in use when left out) and sample values (made up when left out)');

const previewSchema = z
  .object({
    subject: z.string(),
    body: z.string(),
    wordsLanguage: language,
    sample: z.record(z.union([z.string(), z.number()])),
  })
  .openapi('EmailTemplatePreview');

const PATH = '/templates/:id/:language';

/** The caller's own address: the token's, else the directory's. */
async function ownAddress(db: Db, user: User): Promise<string> {
  if (user.email) return user.email;
  const row = await db.selectFrom('people').select('email').where('id', '=', user.sub).executeTakeFirst();
  if (!row?.email) throw unprocessable('no_email_address', 'You have no e-mail address to send the test to');
  return row.email;
}

export function registerTemplateRoutes(api: ApiBuilder, db: Db): void {
  api.route({
    method: 'get',
    path: '/templates',
    tag: 'templates',
    auth: ['admin'],
    summary: 'Every e-mail message with its variables, languages and whether admins changed its words',
    response: z.object({ items: z.array(summarySchema) }),
    handler: async () => ({ body: { items: await listTemplates(db) } }),
  });

  api.route({
    method: 'get',
    path: PATH,
    tag: 'templates',
    auth: ['admin'],
    summary: "A message's words in a language: saved ones, else the file's (English when it has none)",
    response: detailSchema,
    handler: async ({ params }) => {
      const t = templateAt(params.id, params.language);
      return { body: await templateDetail(db, t.info, t.language) };
    },
  });

  api.route({
    method: 'put',
    path: PATH,
    tag: 'templates',
    auth: ['admin'],
    errors: [409],
    summary: 'Saves new words (a new version; 400 naming each unknown variable, nothing saved)',
    body: z.object(words).strict(),
    response: detailSchema,
    handler: async ({ user, params, body }) => {
      const t = templateAt(params.id, params.language);
      await saveTemplate(db, t.info, t.language, body, actorOf(user));
      return { body: await templateDetail(db, t.info, t.language) };
    },
  });

  api.route({
    method: 'delete',
    path: PATH,
    tag: 'templates',
    auth: ['admin'],
    errors: [409],
    summary: "Goes back to the file's words (recorded as a version; the saved ones stay in the history)",
    response: detailSchema,
    handler: async ({ user, params }) => {
      const t = templateAt(params.id, params.language);
      await resetTemplate(db, t.info, t.language, actorOf(user));
      return { body: await templateDetail(db, t.info, t.language) };
    },
  });

  api.route({
    method: 'post',
    path: `${PATH}/preview`,
    tag: 'templates',
    auth: ['admin'],
    status: 200,
    summary: 'The words rendered with sample values (made up from the variables when not given)',
    body: draftBody,
    response: previewSchema,
    handler: async ({ params, body }) => {
      const t = templateAt(params.id, params.language);
      return { status: 200, body: await previewTemplate(db, t.info, t.language, body) };
    },
  });

  api.route({
    method: 'post',
    path: `${PATH}/test`,
    tag: 'templates',
    auth: ['admin'],
    status: 202,
    errors: [422],
    summary: "Sends the preview to the calling admin's own address, through the outbox",
    body: draftBody,
    response: previewSchema.extend({ sentTo: z.string(), key: z.string() }),
    handler: async ({ user, params, body }) => {
      const t = templateAt(params.id, params.language);
      const preview = await previewTemplate(db, t.info, t.language, body);
      const to = await ownAddress(db, user);
      const sent = await sendTestEmail(db, to, preview);
      return { status: 202, body: { ...preview, subject: sent.subject, sentTo: to, key: sent.key } };
    },
  });
}
