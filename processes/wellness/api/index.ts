/**
 * The wellness check-in process's API (loaded by the API through its descriptor's
 * `routes`), and the caller facts an `assign_caller` completion carries to the workflow.
 */
import type { RouteContext } from '../../../platform/api/process-routes';
import { registerTaskContext } from '../../../platform/api/task-context';
import { registerWellnessRoutes } from './routes';
import { callerContext } from './task-context';

export function registerRoutes(rc: RouteContext): void {
  registerWellnessRoutes(rc);
  registerTaskContext(callerContext);
}
