/** Every activity the worker runs, built from their dependencies. */
import { createEmailActivities } from './email';
import { createReadModelActivities, type ReadModelDeps } from './read-model';
import { createReferenceActivities } from './references';

export type ActivityDeps = ReadModelDeps;

export function createActivities(deps: ActivityDeps) {
  return {
    ...createReadModelActivities(deps),
    ...createEmailActivities(deps),
    ...createReferenceActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
