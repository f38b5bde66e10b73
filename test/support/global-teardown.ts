import type { DevServer } from '../../scripts/provision/dev-server';
import type { SmtpCatcher } from '../../scripts/provision/smtp-catcher';

export default async function globalTeardown(): Promise<void> {
  const s = (globalThis as Record<string, unknown>).__mentorflowServices as { dev: DevServer; catcher: SmtpCatcher } | undefined;
  await s?.catcher.close();
  await s?.dev.stop();
}
