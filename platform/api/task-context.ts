/**
 * Facts a task's rule needs that only the read model has, read by the API and handed to the
 * workflow's validator with the completion (`context`; never from the client). A process
 * registers its own reader when its routes load (the wellness process: the caller a
 * coordinator assigns — approved or not, which languages); the workflow decides on them, so
 * the rule holds whatever route or script asks.
 */
import type { Db } from '../../db';

export type TaskContextReader = (
  db: Db,
  type: string,
  data: Record<string, unknown> | undefined,
) => Promise<Record<string, unknown> | undefined>;

const readers = new Set<TaskContextReader>();

/** Adds a process's reader (once, however many apps are built). */
export function registerTaskContext(reader: TaskContextReader): void {
  readers.add(reader);
}

/** The context of a completion: what the first reader that knows the task type says, else none. */
export async function taskContext(
  db: Db,
  type: string,
  data: Record<string, unknown> | undefined,
): Promise<Record<string, unknown> | undefined> {
  for (const read of readers) {
    const context = await read(db, type, data);
    if (context !== undefined) return context;
  }
  return undefined;
}
