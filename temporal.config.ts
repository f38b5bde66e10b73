/** How this product talks to Temporal: one place for the task queue, namespace and search attributes. */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const TASK_QUEUE = 'mentorflow';
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const TEST_SERVER_VERSION = '1.38.0';
/** The server the pinned CLI embeds (its go.mod): `npm run cluster` builds this one. */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';

/**
 * Custom search attributes, registered when the dev server starts. They carry no
 * personal data: the case type and the case id only.
 */
export const CASE_TYPE = defineSearchAttributeKey('MentorflowCaseType', SearchAttributeType.KEYWORD);
export const CASE_ID = defineSearchAttributeKey('MentorflowCaseId', SearchAttributeType.KEYWORD);
export const SEARCH_ATTRIBUTES: Record<string, 'Keyword'> = {
  MentorflowCaseType: 'Keyword',
  MentorflowCaseId: 'Keyword',
};
