/**
 * `npm run smtp-catcher`: the local SMTP catcher as a process of its own (the chaos run
 * starts it this way), on SMTP_PORT and SMTP_WEB_PORT. `npm start` runs it in-process.
 */
import { loadConfig } from '../lib/config';
import { startSmtpCatcher } from './provision/smtp-catcher';

async function main(): Promise<void> {
  const { embedded } = loadConfig();
  const catcher = await startSmtpCatcher({ smtpPort: embedded.smtpPort, webPort: embedded.smtpWebPort });
  console.log(`SMTP catcher on 127.0.0.1:${catcher.smtpPort}, inbox http://127.0.0.1:${catcher.webPort}`);
  const stop = () => void catcher.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
