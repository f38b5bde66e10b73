/**
 * `npm run token -- --sub ID --roles a,b [--name N] [--email E] [--department D] [--program-id P] [--ttl 12h]`
 * prints a signed development bearer token (HS256 with AUTH_JWT_SECRET or the one in .data/).
 */
import { parseArgs } from 'node:util';
import { mintToken, ROLES } from '../platform/api/auth';
import { loadConfig } from '../lib/config';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      roles: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      department: { type: 'string' },
      'program-id': { type: 'string' },
      ttl: { type: 'string', default: '12h' },
    },
  });
  if (!values.sub || !values.roles)
    throw new Error(
      'usage: npm run token -- --sub ID --roles a,b [--name N] [--email E] [--department D] [--program-id P] [--ttl 12h]',
    );
  const roles = values.roles
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`unknown roles: ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
  const secret = loadConfig().auth.hsSecret;
  if (!secret) throw new Error('AUTH_JWT_SECRET is needed to mint tokens when OIDC is configured');
  console.log(
    await mintToken(
      secret,
      {
        sub: values.sub,
        roles,
        name: values.name,
        email: values.email,
        department: values.department,
        programId: values['program-id'],
      },
      values.ttl,
    ),
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
