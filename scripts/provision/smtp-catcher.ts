/**
 * The local SMTP catcher of the embedded defaults: accepts every message on an SMTP port
 * and shows them in a web inbox (HTML at /, JSON at /messages[?to=address], DELETE /messages clears).
 * For development and tests only: it keeps messages in memory.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface CaughtMessage {
  id: number;
  messageId?: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

export interface SmtpCatcher {
  smtpPort: number;
  webPort: number;
  messages: CaughtMessage[];
  close(): Promise<void>;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export async function startSmtpCatcher(
  opts: {
    smtpPort?: number;
    webPort?: number;
    host?: string;
    /** Recipients answered with a permanent 550 refusal (tests of the outbox). */
    refuse?: (address: string) => boolean;
  } = {},
): Promise<SmtpCatcher> {
  const host = opts.host ?? '127.0.0.1';
  const messages: CaughtMessage[] = [];
  let nextId = 1;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (opts.refuse?.(address.address)) {
        const err = Object.assign(new Error('No such mailbox here'), { responseCode: 550 });
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push({
            id: nextId++,
            messageId: mail.messageId,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            receivedAt: new Date().toISOString(),
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(opts.smtpPort ?? 1025, host, () => {
      smtp.off('error', reject);
      // A client that vanishes mid-session (a worker killed while sending) resets its
      // connection: that message was not delivered, and the catcher carries on.
      smtp.on('error', () => undefined);
      resolve();
    });
  });

  const web = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/messages' && req.method === 'DELETE') {
      messages.length = 0;
      res.writeHead(204).end();
    } else if (url.pathname === '/messages') {
      const to = url.searchParams.get('to');
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(to ? messages.filter((m) => m.to.includes(to)) : messages));
    } else if (url.pathname === '/') {
      const rows = [...messages]
        .reverse()
        .map(
          (m) =>
            `<article><h3>${esc(m.subject)}</h3><p><small>${esc(m.receivedAt)} · to ${esc(m.to.join(', '))}</small></p><pre>${esc(m.text)}</pre></article>`,
        )
        .join('');
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><meta charset="utf-8"><title>mentorflow inbox</title><style>body{font-family:system-ui;max-width:50rem;margin:2rem auto}article{border-top:1px solid #ddd}pre{white-space:pre-wrap}</style><h1>Local inbox (${messages.length})</h1>${rows || '<p>No messages yet.</p>'}`,
        );
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    web.once('error', reject);
    web.listen(opts.webPort ?? 1080, host, () => resolve());
  });
  const smtpAddr = (smtp as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    smtpPort: smtpAddr.port,
    webPort: (web.address() as AddressInfo).port,
    messages,
    close: async () => {
      await new Promise<void>((r) => smtp.close(() => r()));
      await new Promise<void>((r) => web.close(() => r()));
    },
  };
}

/** Until a catcher (in another process) answers on its web port. */
export async function waitForCatcher(webPort: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`http://127.0.0.1:${webPort}/messages?to=-`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the SMTP catcher did not answer on port ${webPort}`);
}

/**
 * The one-time reference token in the newest message to `email` that a catcher (in another
 * process, on `webPort`) caught — how the chaos run and the seed answer as the reference.
 */
export async function caughtReferenceToken(webPort: number, email: string, timeoutMs = 300_000): Promise<string> {
  return caughtLinkToken(webPort, email, '/references/', timeoutMs);
}

/** The token of the newest link under `path` (e.g. `/referrals/confirm/`) in a message to `email`. */
export async function caughtLinkToken(
  webPort: number,
  email: string,
  path: string,
  timeoutMs = 300_000,
): Promise<string> {
  const link = new RegExp(`${path.replace(/\//g, '\\/')}([A-Za-z0-9_-]+)`);
  for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
    const res = await fetch(`http://127.0.0.1:${webPort}/messages?to=${encodeURIComponent(email)}`).catch(
      () => undefined,
    );
    const messages = res?.ok ? ((await res.json()) as CaughtMessage[]) : [];
    const m = messages.reverse().find((x) => link.test(x.text));
    if (m) return link.exec(m.text)![1];
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no e-mail with a ${path} link to ${email}`);
}
