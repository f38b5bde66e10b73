/**
 * The API client, typed from /openapi.json (openapi-typescript writes generated/schema.d.ts
 * at build time): a renamed field or a new required one breaks the build, not the user.
 * Every request carries the signed-in person's token and the language the app is in.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './generated/schema';
import { currentToken, signOut } from '../session';
import { currentLanguage } from '../i18n/locale';

export type Task = components['schemas']['Task'];
export type Case = components['schemas']['Case'];
export type TaskType = NonNullable<NonNullable<paths['/api/v1/tasks']['get']['parameters']['query']>['type']>;

const auth: Middleware = {
  onRequest({ request }) {
    const token = currentToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    // The API answers (problem details, e-mails it sends on this request) in the app's language.
    request.headers.set('Accept-Language', currentLanguage());
    return request;
  },
  // A token that has expired (or was revoked) ends the session: the page asks to sign in
  // again and comes back here afterwards.
  onResponse({ request, response }) {
    if (
      response.status === 401 &&
      request.headers.get('Authorization') === `Bearer ${currentToken() ?? ''}` &&
      currentToken()
    )
      signOut();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/** A problem+json answer, as the API sends it (RFC 9457). */
export interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: { path: string; message: string }[];
}

/** The data of an answer, or the problem it carried as an error (for the query cache). */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined)
    throw Object.assign(new Error((error as Problem | undefined)?.detail ?? response.statusText), {
      problem: error as Problem,
      status: response.status,
    });
  return data;
}

export const problemOf = (err: unknown): Problem | undefined => (err as { problem?: Problem } | null)?.problem;
