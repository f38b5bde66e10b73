import type { DevServer } from '../../scripts/provision/dev-server';
import type { ProvidedDatabase } from '../../scripts/provision/postgres';
import type { SmtpCatcher } from '../../scripts/provision/smtp-catcher';

export default async function globalTeardown(): Promise<void> {
  const s = (globalThis as Record<string, unknown>).__mentorflowServices as
    | { dev: Pick<DevServer, 'stop'>; catcher: SmtpCatcher; database: ProvidedDatabase }
    | undefined;
  await s?.catcher.close();
  await s?.dev.stop();
  await s?.database.server?.stop();
}
