/**
 * The activities' shared dependencies. The case worker runs the read-model activities
 * (read-model.ts); the mail worker runs those that talk SMTP (email.ts); each process's own
 * activities run on the worker its descriptor names (process-activities.ts). lib/worker.ts
 * puts each on its task queue.
 */
import type { ReadModelDeps } from './read-model';

export type ActivityDeps = ReadModelDeps;
