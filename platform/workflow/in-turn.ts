/**
 * Signal work done in turn, after the jobs of its workflow task. Core may hand the signals and
 * Updates of one task over in another order on a replay than on the first execution (an
 * Update's acceptance is placed where its handler started); a signal handler that writes,
 * schedules or signals before its first wait then issues its command before the acceptance
 * once and after it on the replay, and the case fails every workflow task from then on. Work
 * queued here runs one item at a time, in the order the signals came, in a loop woken by a
 * condition: the SDK tries blocked conditions after each job of the activation, so the work
 * starts after the synchronous part of every job — of the Updates too — whatever their order.
 * An Update handler whose own command comes after an await of its own is not ordered by this:
 * which goes first then depends on microtask counts, so Update handlers issue their commands
 * before their first await (as the task Updates do; settings-with-completion shows the vote's
 * write still first). The handler waits for its item, so a close or a continue-as-new waits too.
 */
import { condition } from '@temporalio/workflow';

interface Item {
  work: () => Promise<void>;
  done: boolean;
  error?: unknown;
}

/** A queue for one workflow run: call it with a signal's work; it resolves once the work is done. */
export function workInTurn(): (work: () => Promise<void>) => Promise<void> {
  const queue: Item[] = [];
  void (async () => {
    for (;;) {
      await condition(() => queue.length > 0);
      const item = queue.shift()!;
      try {
        await item.work();
      } catch (err) {
        item.error = err;
      }
      item.done = true;
    }
  })();
  return async (work) => {
    const item: Item = { work, done: false };
    queue.push(item);
    await condition(() => item.done);
    if (item.error !== undefined) throw item.error;
  };
}
