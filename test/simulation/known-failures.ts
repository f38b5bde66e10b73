/**
 * Scenarios that found a real bug in a workflow, kept out of the default runs until the
 * workflow is fixed (the simulator never works around a workflow's bug). Each names the
 * seed and scenario that replay it (`npm run simulate -- --seed S --scenario I`, plus the
 * `--workflow`, `--quick` and `--concurrency` flags of the run that found it) and what goes wrong.
 */
export interface KnownFailure {
  workflow: string;
  seed: number;
  scenario: number;
  /** The run's --concurrency (it decides how a seed's plans are grouped). */
  concurrency: number;
  why: string;
}

export const KNOWN_FAILURES: KnownFailure[] = [
  {
    workflow: 'wellnessCheckinWorkflow',
    seed: 200,
    scenario: 68,
    concurrency: 1,
    why:
      'on the worker without a cache, a completion of the wellness call right after a continue-as-new ' +
      'fails its replay (non-determinism at UpsertWorkflowSearchAttributes): the workflow task fails for ever',
  },
];
