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

/**
 * Worker Versioning (worker deployments, lib/deployment.ts) on the Temporal server: on by
 * default in server 1.29, set explicitly so that a server whose defaults differ says so at
 * once. The dev server, the cluster and deploy/temporal-dynamicconfig.yaml all carry them.
 */
export const VERSIONING_DYNAMIC_CONFIG: Record<string, boolean> = {
  'system.enableDeploymentVersions': true,
  'frontend.workerVersioningWorkflowAPIs': true,
};

/**
 * The dev server's reads of its transfer queue (new workflows' first tasks, activities, the
 * workflow task an activity's completion schedules): at most 20 a second by default, which
 * made a third of the clicks wait 25-42 ms for the next read; measured with the limit raised,
 * none did (docs/performance.md, "One click, millisecond by millisecond"). The cluster keeps
 * the server's default until the cost on its PostgreSQL is measured.
 */
export const DEV_SERVER_DYNAMIC_CONFIG: Record<string, number> = {
  'history.transferProcessorMaxPollRPS': 1000,
};
