/** The mail task queue beside a case task queue: the mail worker serves it. */
export const mailQueueOf = (taskQueue: string): string => `${taskQueue}-mail`;
