/**
 * The relationship surveys' activities (docs/processes/match-surveys.md),
 * each named for its one side effect. `sendSurveyLink` (mail worker) mints a survey's one-time
 * link and e-mails it, in the respondent's language: the mentor at the applicant's address on
 * the mentor's screening, the youth through the caregiver's address on the youth's referral.
 * Addresses are read here from the read model, so none enters workflow history; without one it
 * sends nothing and says so. `recordSurveyByPhone` (case worker) records the answers a case
 * worker collected by phone, checked and scored by the instrument the survey was sent with.
 */
import type { Db } from '../../../db';
import { readDetails } from '../../../platform/api/details';
import type { ProcessActivityDeps } from '../../../platform/activities/process-activities';
import { issueOneTimeLinks } from '../../../platform/activities/one-time-links';
import { EMAIL_LANGUAGES, type EmailLanguage } from '../../../platform/emails/messages';
import type { PolicyDuration } from '../../../platform/workflow/calendar';
import { screeningDetails, youthReferralDetails } from '../details';
import { fosterEmail } from '../email-messages';
import type { SurveyRespondent } from '../match/support-types';
import { answerProblems, scoreAnswers, type Answer } from '../surveys/instrument';
import { loadInstrument, recordResponse, surveyLinkRef } from './survey-store';

export interface SendSurveyLinkInput {
  surveyId: string;
  matchCaseId: string;
  workflowId: string;
  respondent: SurveyRespondent;
  round: string;
  /** The case the address is read from: the mentor's screening, or the youth's referral. */
  mentorCaseId: string;
  youthCaseId: string;
  kind: 'request' | 'reminder';
  validFor: PolicyDuration;
  publicBaseUrl: string;
}

export type SendSurveyLinkResult =
  | { sent: true; instrumentId: string; instrumentVersion: number }
  | { sent: false; reason: 'no_address' };

const languageOf = (x: unknown): EmailLanguage =>
  (EMAIL_LANGUAGES as readonly unknown[]).includes(x) ? (x as EmailLanguage) : 'en';

/** Where a respondent's survey goes, from the read model: the address and its language. */
async function addressOf(db: Db, input: SendSurveyLinkInput): Promise<{ email: string; language: EmailLanguage }> {
  const id = input.respondent === 'mentor' ? input.mentorCaseId : input.youthCaseId;
  const row = await db.selectFrom('cases').select(['id', 'type', 'details']).where('id', '=', id).executeTakeFirst();
  if (!row) return { email: '', language: 'en' };
  if (input.respondent === 'mentor') {
    const { applicant } = readDetails(screeningDetails, row);
    return { email: applicant.email, language: languageOf(applicant.language) };
  }
  const { caregiver } = readDetails(youthReferralDetails, row);
  return {
    email: typeof caregiver.email === 'string' ? caregiver.email : '',
    language: languageOf(caregiver.language),
  };
}

export function createSurveyActivities({ db, mailer, clock, hooks }: ProcessActivityDeps) {
  return {
    /** Mints a survey's one-time link and e-mails it (the first send fixes its instrument and language). */
    async sendSurveyLink(input: SendSurveyLinkInput): Promise<SendSurveyLinkResult> {
      const to = await addressOf(db, input);
      if (!to.email) return { sent: false, reason: 'no_address' };
      const newest = (await loadInstrument(db))!;
      await db
        .insertInto('survey_invitations')
        .values({
          survey_id: input.surveyId,
          match_case_id: input.matchCaseId,
          workflow_id: input.workflowId,
          respondent: input.respondent,
          round: input.round,
          instrument_id: newest.id,
          instrument_version: newest.version,
          language: to.language,
        })
        .onConflict((oc) => oc.column('survey_id').doNothing())
        .execute();
      const sent = await db
        .selectFrom('survey_invitations')
        .selectAll()
        .where('survey_id', '=', input.surveyId)
        .executeTakeFirstOrThrow();
      await issueOneTimeLinks(
        { db, mailer, clock, hooks },
        {
          key: `${input.surveyId}:${input.kind}`,
          caseId: input.matchCaseId,
          workflowId: input.workflowId,
          email: to.email,
          language: languageOf(sent.language),
          links: [{ referenceId: surveyLinkRef(input.surveyId), path: '/surveys/', validFor: input.validFor }],
          message: ([{ until }]) => fosterEmail(`survey-${input.kind}-${input.respondent}`, { until }),
        },
        input.publicBaseUrl,
      );
      return { sent: true, instrumentId: sent.instrument_id, instrumentVersion: sent.instrument_version };
    },

    /** Records answers collected by phone: scored, or refused with what is wrong (nothing recorded). */
    async recordSurveyByPhone(input: {
      surveyId: string;
      matchCaseId: string;
      respondent: SurveyRespondent;
      round: string;
      answers: Answer[];
      by: string;
    }): Promise<
      | { recorded: true; score: number; instrumentId: string; instrumentVersion: number }
      | { recorded: false; problems: { path: string; message: string }[] }
    > {
      const sent = await db
        .selectFrom('survey_invitations')
        .selectAll()
        .where('survey_id', '=', input.surveyId)
        .executeTakeFirst();
      const instrument = (await loadInstrument(db, sent?.instrument_id, sent?.instrument_version))!;
      const problems = answerProblems(instrument, input.answers);
      if (problems.length) return { recorded: false, problems };
      const score = scoreAnswers(instrument, input.answers);
      await recordResponse(db, {
        surveyId: input.surveyId,
        matchCaseId: input.matchCaseId,
        respondent: input.respondent,
        round: input.round,
        instrumentId: instrument.id,
        instrumentVersion: instrument.version,
        language: sent?.language ?? 'en',
        score,
        answers: input.answers,
        collected: 'phone',
        collectedBy: input.by,
      });
      return { recorded: true, score, instrumentId: instrument.id, instrumentVersion: instrument.version };
    },
  };
}
