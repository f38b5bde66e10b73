/**
 * Every workflow the worker runs (the bundle's entry point): each registered process's
 * workflows.ts, one line per process in the registry's order, and the platform's outbox
 * sweeper. The bundler needs these as static exports, so this is the one list beside
 * processes/index.ts a new process is added to (test/unit/processes.test.ts checks the two agree).
 */
export * from './mentoring-leave/workflows';
export * from './foster/workflows';
export * from './certification/workflows';
export * from './referral/workflows';
export * from './wellness/workflows';
export * from './ece/workflows';
export * from './programs/workflows';
export { outboxSweeperWorkflow } from '../platform/outbox/sweeper';
