import type { DevServer } from '../../lib/dev-server';
import type { SmtpCatcher } from '../../lib/smtp-catcher';

export default async function globalTeardown(): Promise<void> {
  const s = (globalThis as Record<string, unknown>).__mentorflowServices as { dev: DevServer; catcher: SmtpCatcher } | undefined;
  await s?.catcher.close();
  await s?.dev.stop();
}
