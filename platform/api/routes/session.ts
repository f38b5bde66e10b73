/**
 * Who the caller is, as the API sees the token: the web app asks after an OIDC sign-in,
 * so the person it shows (name, roles, scope) is what the server will act on, not what
 * the browser decoded for itself.
 */
import { z } from 'zod';
import type { ApiBuilder } from '../http';

export function registerSessionRoutes(api: ApiBuilder): void {
  api.route({
    method: 'get',
    path: '/me',
    tag: 'session',
    auth: 'any',
    summary: 'The signed-in person: id, name, e-mail, the roles that count, department and program',
    response: z.object({
      id: z.string(),
      name: z.string().optional(),
      email: z.string().optional(),
      roles: z.array(z.string()),
      department: z.string().optional(),
      programId: z.string().optional(),
    }),
    handler: async ({ user }) => ({
      body: {
        id: user.sub,
        roles: user.roles,
        ...(user.name ? { name: user.name } : {}),
        ...(user.email ? { email: user.email } : {}),
        ...(user.department ? { department: user.department } : {}),
        ...(user.programId ? { programId: user.programId } : {}),
      },
    }),
  });
}
