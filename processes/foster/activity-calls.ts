/**
 * The foster process's own activities as its workflows call them, with their timeouts and
 * retry policies (the activities themselves: activities/index.ts, run by the mail worker).
 */
import { proxyActivities } from '@temporalio/workflow';
import { onMailQueue } from '../../platform/workflow/activities';
import type { FosterActivities } from './activities';

/** Mints a reference's one-time link and e-mails it (retried until it is out). */
export const issueReferenceLink: FosterActivities['issueReferenceLink'] = (input) =>
  proxyActivities<FosterActivities>({
    taskQueue: onMailQueue(),
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  }).issueReferenceLink(input);

/** Mints a survey's one-time link and e-mails it (retried until it is out). */
export const sendSurveyLink: FosterActivities['sendSurveyLink'] = (input) =>
  proxyActivities<FosterActivities>({
    taskQueue: onMailQueue(),
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  }).sendSurveyLink(input);

/** Records the answers a case worker collected by phone (retried until written). */
export const recordSurveyByPhone: FosterActivities['recordSurveyByPhone'] = (input) =>
  proxyActivities<FosterActivities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  }).recordSurveyByPhone(input);
