/**
 * A volunteer's confirmation link (the first e-mail of an online referral): the one-time link
 * that confirms their address, claimed before the referral hears of it so it works once, and
 * the page behind it, which asks before it confirms. Until then no program hears of the
 * referral.
 */
import express, { type Express } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from '../../../db';
import { hashToken } from '../../../platform/activities/one-time-links';
import { HttpProblem, notFound, problemFromTemporal } from '../../../platform/api/errors';
import { htmlPage, pageWords } from '../../../platform/api/pages';
import { requestLanguage } from '../../../platform/i18n/language';
import { StillWorking, updateCase } from '../../../platform/api/updates';
import { CONFIRM_LINK } from '../links';
import { confirmReferralAddressUpdate } from '../messages';

/** Confirms a referral's address through its one-time link (claimed first: it works once). */
export async function confirmAddress(db: Db, temporal: Client, token: string): Promise<{ status: string }> {
  const link = await db
    .updateTable('reference_links')
    .set({ used_at: new Date() })
    .where('token_hash', '=', hashToken(token))
    .where('reference_id', '=', CONFIRM_LINK)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returningAll()
    .executeTakeFirst();
  if (!link) throw notFound('The link');
  try {
    await updateCase(temporal, link, confirmReferralAddressUpdate);
  } catch (err) {
    // A referral that lapsed, was withdrawn or is confirmed already has no use for the link.
    const code = problemFromTemporal(err)?.code;
    if (code === 'case_closed' || code === 'reference_link_used') throw notFound('The link');
    // Anything else (Temporal unreachable): the link works again for the next try.
    await db.updateTable('reference_links').set({ used_at: null }).where('token_hash', '=', link.token_hash).execute();
    throw err;
  }
  return { status: 'confirmed' };
}

/**
 * The confirmation link's page: opening it changes nothing (mail scanners open links); its one
 * button posts the form. No JavaScript, no sign-in (pages.ts).
 */
export function mountConfirmPage(db: Db, temporal: Client): (app: Express) => void {
  return (app: Express) => {
    // Each page in the language asked for (`?lang=`, else Accept-Language), as pages.ts says;
    // the form and the refusal offer the other language (the thanks answer a POST).
    const invalid = (req: express.Request, res: express.Response) => {
      const l = requestLanguage(req);
      res
        .status(404)
        .type('html')
        .send(
          htmlPage(pageWords(l, 'page.link_invalid.title'), `<p>${pageWords(l, 'page.link_invalid.body')}</p>`, l, {
            switchLanguage: true,
          }),
        );
    };
    app.get('/referrals/confirm/:token', async (req, res) => {
      const link = await db
        .selectFrom('reference_links')
        .select(['used_at', 'expires_at'])
        .where('token_hash', '=', hashToken(req.params.token))
        .where('reference_id', '=', CONFIRM_LINK)
        .executeTakeFirst();
      if (!link || link.used_at || new Date(link.expires_at).getTime() <= Date.now()) return void invalid(req, res);
      const l = requestLanguage(req);
      res.type('html').send(
        htmlPage(
          pageWords(l, 'page.confirm.title'),
          `<form method="post">
<p>${pageWords(l, 'page.confirm.offered')}</p>
<p>${pageWords(l, 'page.confirm.explain')}</p>
<button type="submit">${pageWords(l, 'page.confirm.button')}</button></form>`,
          l,
          { switchLanguage: true },
        ),
      );
    });
    const thanks = (req: express.Request, res: express.Response) => {
      const l = requestLanguage(req);
      res
        .type('html')
        .send(htmlPage(pageWords(l, 'page.thanks.title'), `<p>${pageWords(l, 'page.thanks.body')}</p>`, l));
    };
    app.post('/referrals/confirm/:token', express.urlencoded({ extended: false, limit: '1kb' }), async (req, res) => {
      try {
        await confirmAddress(db, temporal, req.params.token);
        thanks(req, res);
      } catch (err) {
        if (err instanceof HttpProblem && err.status === 404) invalid(req, res);
        // Taking longer than the API waits: the confirmation goes on in the referral.
        else if (err instanceof StillWorking) thanks(req, res);
        else throw err;
      }
    });
  };
}
