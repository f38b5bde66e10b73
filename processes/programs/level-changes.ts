/**
 * The program record's queue of level changes. Core may hand the signals and Updates of one
 * workflow task over in another order on a replay than on the first execution; changes written
 * straight from their handlers then issued their commands in another order (a write before or
 * after an Update's acceptance) and the record failed every workflow task from then on. The
 * handlers only queue a change; the main loop writes them one workflow task's changes at a time,
 * that task's signals first (in the order they came), then its Updates, so the commands and the
 * level reached are the same in any order of hand-over, and changes of later tasks never
 * overtake earlier ones.
 */
import { condition, workflowInfo } from '@temporalio/workflow';
import type { ProgramRow } from './projection';
import type { SetProgramLevelInput } from './workflow';

interface QueuedChange {
  change: SetProgramLevelInput;
  from: 'signal' | 'update';
  /** The workflow task it came with (the history's length then is the same on a replay). */
  task: number;
  answer?: ProgramRow;
  error?: unknown;
}

export class LevelChanges {
  private readonly waiting: QueuedChange[] = [];

  get pending(): boolean {
    return this.waiting.length > 0;
  }

  /** A case's signal: written by the main loop; a refused write fails the record, as it did. */
  fromSignal(change: SetProgramLevelInput): void {
    this.waiting.push({ change, from: 'signal', task: workflowInfo().historyLength });
  }

  /** An admin's Update: answered with the program once written, or rejected with its write's failure. */
  async fromUpdate(change: SetProgramLevelInput): Promise<ProgramRow> {
    const item: QueuedChange = { change, from: 'update', task: workflowInfo().historyLength };
    this.waiting.push(item);
    await condition(() => item.answer !== undefined || item.error !== undefined);
    if (item.error !== undefined) throw item.error;
    return item.answer!;
  }

  /** Writes every queued change, a workflow task's group at a time; `apply` returns the program after it. */
  async writeAll(apply: (change: SetProgramLevelInput) => Promise<ProgramRow>): Promise<void> {
    while (this.waiting.length) {
      const task = this.waiting[0].task;
      const end = this.waiting.findIndex((i) => i.task !== task);
      const group = this.waiting.splice(0, end < 0 ? this.waiting.length : end);
      for (const item of [...group.filter((i) => i.from === 'signal'), ...group.filter((i) => i.from === 'update')]) {
        try {
          item.answer = await apply(item.change);
        } catch (err) {
          if (item.from === 'signal') throw err;
          item.error = err;
        }
      }
    }
  }
}
