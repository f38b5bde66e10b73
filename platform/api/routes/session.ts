/**
 * Who the caller is, as the API sees the token: the web app asks after an OIDC sign-in,
 * so the person it shows (name, roles, scope) is what the server will act on, not what
 * the browser decoded for itself; and the language the people directory records for them, which
 * the web app is shown in unless the person picks another.
 */
import { z } from 'zod';
import type { Db } from '../../../db';
import { LANGUAGES, isLanguage } from '../../i18n/language';
import type { ApiBuilder } from '../http';

export function registerSessionRoutes(api: ApiBuilder, db: Db): void {
  api.route({
    method: 'get',
    path: '/me',
    tag: 'session',
    auth: 'any',
    // Someone the directory refuses learns why here, and nowhere else.
    outsideDirectory: true,
    summary: 'The signed-in person: id, name, e-mail, the roles that count, department and program',
    response: z.object({
      id: z.string(),
      name: z.string().optional(),
      email: z.string().optional(),
      roles: z.array(z.string()),
      department: z.string().optional(),
      programId: z.string().optional(),
      language: z
        .enum(LANGUAGES)
        .optional()
        .describe("The person's language in the people directory, when listed there"),
      refused: z
        .enum(['not_in_directory', 'deactivated'])
        .optional()
        .describe('Why the people directory lets this person do nothing (docs/administration.md)'),
    }),
    handler: async ({ user }) => {
      const listed = await db.selectFrom('people').select('language').where('id', '=', user.sub).executeTakeFirst();
      return {
        body: {
          id: user.sub,
          roles: user.roles,
          ...(user.name ? { name: user.name } : {}),
          ...(user.email ? { email: user.email } : {}),
          ...(user.department ? { department: user.department } : {}),
          ...(user.programId ? { programId: user.programId } : {}),
          ...(user.refused ? { refused: user.refused } : {}),
          ...(isLanguage(listed?.language) ? { language: listed.language } : {}),
        },
      };
    },
  });
}
