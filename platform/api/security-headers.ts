/**
 * Security headers on every answer (web app, server-rendered pages, API, docs, errors),
 * set with helmet before any route runs:
 * - Content-Security-Policy: scripts only from this origin (the web app's built bundle;
 *   no inline script anywhere, no eval), styles from this origin plus the two inline
 *   stylesheets of the server-rendered pages allowed by their SHA-256 (never
 *   'unsafe-inline'), images from this origin and data: URIs (USWDS icons), connections
 *   to this origin and the OIDC issuer's origin (the browser fetches the provider's
 *   discovery document and trades the sign-in code at its token endpoint), forms posting
 *   only here, no plugins, no <base>, and no framing (`frame-ancestors 'none'`).
 * - X-Frame-Options DENY for browsers without frame-ancestors, nosniff, Referrer-Policy
 *   no-referrer (one-time links in a URL never leave in a Referer header).
 * - HSTS and upgrade-insecure-requests only over https: when the request arrived over
 *   https (directly, or as the trusted proxy says) or the public base URL is https.
 *   Over plain http (a laptop, the tests) they would break the site or be ignored.
 */
import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import { DOCS_STYLE } from './docs';
import { PAGE_STYLE } from './pages';

const HSTS = 'max-age=31536000; includeSubDomains';

/** The CSP source for an inline `<style>` with exactly this text. */
export function styleHash(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

/** The directives, without the https-only one (exported for the documentation's test). */
export function cspDirectives(opts: { oidcIssuer?: string } = {}): Record<string, string[]> {
  const connect = ["'self'"];
  // An issuer that is no URL cannot be signed in with from a browser anyway: nothing to allow.
  if (opts.oidcIssuer && URL.canParse(opts.oidcIssuer)) connect.push(new URL(opts.oidcIssuer).origin);
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", styleHash(PAGE_STYLE), styleHash(DOCS_STYLE)],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': connect,
    'form-action': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
}

function helmetFor(directives: Record<string, string[]>, https: boolean): RequestHandler {
  const options: HelmetOptions = {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: https ? { ...directives, 'upgrade-insecure-requests': [] } : directives,
    },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  };
  return helmet(options);
}

/** Whether this answer goes out over https (as far as this process can know). */
export const overHttps = (req: Request, publicBaseUrl?: string): boolean =>
  req.secure || (!!publicBaseUrl && publicBaseUrl.startsWith('https:'));

export function securityHeaders(opts: { oidcIssuer?: string; publicBaseUrl?: string }): RequestHandler {
  const directives = cspDirectives(opts);
  const plain = helmetFor(directives, false);
  const secure = helmetFor(directives, true);
  return (req, res, next) => {
    if (!overHttps(req, opts.publicBaseUrl)) return plain(req, res, next);
    res.setHeader('Strict-Transport-Security', HSTS);
    return secure(req, res, next);
  };
}
