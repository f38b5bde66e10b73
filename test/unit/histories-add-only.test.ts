/**
 * Recorded histories are add-only: once committed, a file under test/histories/ is never
 * rewritten, renamed or deleted (a re-recording once hid a real break of running cases).
 * A new recording is a new file. Checked against git, in every commit since the rule was
 * made and in the working tree.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
/** The last commit before the rule: histories were re-recorded in place up to it. */
const RULE_SINCE = 'd74cd0b';
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });

test('no committed history was changed, renamed or deleted since the rule was made', () => {
  const changed = git(
    'log',
    `${RULE_SINCE}..HEAD`,
    '--diff-filter=MDR',
    '--name-status',
    '--format=%h %s',
    '--',
    'test/histories',
  );
  expect(changed.trim()).toBe('');
});

test('the working tree changes no committed history either', () => {
  const status = git('status', '--porcelain', '--', 'test/histories')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('??') && !l.startsWith('A '));
  expect(status).toEqual([]);
});
