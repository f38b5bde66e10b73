/**
 * The codec endpoint: Temporal's codec-server protocol (`POST /codec/encode`,
 * `POST /codec/decode`) over the API's own payload codec, so that people allowed to read
 * histories see them in clear in the Temporal UI (or `temporal workflow show
 * --codec-endpoint`) while Temporal itself only ever holds ciphertext.
 *
 * Admins only (the UI passes the signed-in person's access token when configured to).
 * Browsers are answered only from the Temporal UI's configured origin: any other origin
 * is refused and gets no CORS allowance; callers without an Origin (the CLI) need the token alone.
 */
import { logger } from '../../lib/logger';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { createAuthenticator, requireUser, type AuthConfig } from './auth';
import { HttpProblem } from './errors';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const base64 = z.string().max(4_000_000).regex(BASE64, 'must be base64');
const wirePayload = z.object({ metadata: z.record(z.string().max(256), base64).optional(), data: base64.optional() });
const body = z
  .object({
    // Absent when there is nothing to convert (the CLI sends `{}`, as protobuf's JSON omits an empty list).
    payloads: z.array(wirePayload).max(10_000).default([]),
  })
  .strict();
type WirePayload = z.infer<typeof body>['payloads'][number];

const fromWire = (p: WirePayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toWire = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

/** The origin (scheme, host, port) of the Temporal UI's URL: the one browser origin answered. */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export interface CodecEndpointOptions {
  auth: AuthConfig;
  /** The API client's codecs, in the order they encode. */
  codecs: PayloadCodec[];
  /** The Temporal UI's origin: the one browser origin answered. */
  uiOrigin?: string;
  /** The API's own authentication (the directory decides roles when it is their source); else the token's. */
  authenticate?: Parameters<typeof requireUser>[0];
}

export function mountCodecEndpoint(app: express.Express, opts: CodecEndpointOptions): void {
  const router = express.Router();
  // Any origin but the UI's is refused before anything else, preflight included, without CORS headers.
  router.use((req, res, next) => {
    const origin = req.headers.origin;
    if (origin !== undefined) {
      if (!opts.uiOrigin || origin !== opts.uiOrigin) {
        const detail = "The codec endpoint answers only the Temporal UI's configured origin (TEMPORAL_UI_URL)";
        throw new HttpProblem(403, 'Forbidden', detail, 'origin_refused');
      }
      res.vary('Origin');
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    next();
  });
  router.options(['/encode', '/decode'], (_req, res) => {
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  });
  const admins = requireUser(opts.authenticate ?? createAuthenticator(opts.auth), ['admin']);
  const run = (direction: 'encode' | 'decode') => async (req: Request, res: Response) => {
    const parsed = body.safeParse(req.body);
    if (!parsed.success) {
      const detail = 'Send { "payloads": [{ "metadata": { key: base64 }, "data": base64 }] }';
      const errors = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new HttpProblem(400, 'Bad Request', detail, 'validation_failed', errors);
    }
    let payloads = parsed.data.payloads.map(fromWire);
    try {
      // Encoding runs the codecs in order; decoding in reverse (the SDK's convention).
      const codecs = direction === 'encode' ? opts.codecs : [...opts.codecs].reverse();
      for (const codec of codecs) payloads = await codec[direction](payloads);
    } catch (err) {
      throw new HttpProblem(422, 'Unprocessable Content', (err as Error).message, 'undecodable_payload');
    }
    // Reading histories in clear is an audited act: who, how much, which namespace (never what).
    if (direction === 'decode') {
      logger.info(
        {
          audit: 'history_decoded',
          by: (req as Request & { user?: { sub: string } }).user?.sub,
          payloads: payloads.length,
          namespace: req.get('x-namespace'),
        },
        'payloads decoded through the codec endpoint',
      );
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json({ payloads: payloads.map(toWire) });
  };
  router.post('/encode', admins, run('encode'));
  router.post('/decode', admins, run('decode'));
  app.use('/codec', router);
}
