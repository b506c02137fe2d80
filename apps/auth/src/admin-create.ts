/**
 * First admin of a fresh install (and any account an operator must create by hand):
 *
 *   npm run admin:create -- <username> [--name "Display Name"] [--role admin|ticketmaster|organiser|chair|participant]
 *       password: ADMIN_PASSWORD, else asked on the terminal (hidden), else the first line of stdin
 *   npm run admin:create -- --invite
 *       prints a one-time admin invite token (valid 24 h) while no admin exists; register it at /register
 *
 * Needs DATABASE_URL (migrated). The password is never printed or logged.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createAccountsService, hashPassword } from '@padmeet/accounts';
import { accountRoleSchema, displayNameSchema, newPasswordSchema, usernameSchema } from '@padmeet/contract';
import { createAccountSessionRepository, createInviteRepository, createUserRepository, disconnectAll, getDb } from '@padmeet/data';
import { createLogger } from '@padmeet/util';
import { loadAdminCreateEnv } from './env';

function fail(message: string): never {
  process.stderr.write(`admin:create: ${message}\n`);
  process.exit(1);
}

async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) return line;
    return '';
  }
  process.stderr.write(prompt);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  let value = '';
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          process.stdin.setRawMode(false);
          process.stdin.pause();
          process.stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(value);
          return;
        }
        if (char === '\u0003') process.exit(130);
        value = char === '\u007f' ? value.slice(0, -1) : value + char;
      }
    };
    process.stdin.on('data', onData);
  });
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, role: { type: 'string', default: 'admin' }, invite: { type: 'boolean', default: false } },
});
const env = loadAdminCreateEnv();
const db = getDb(env.DATABASE_URL);
const users = createUserRepository(db);

try {
  if (values.invite) {
    const accounts = createAccountsService({ users, invites: createInviteRepository(db), sessions: createAccountSessionRepository(db), logger: createLogger({ name: 'admin-create', level: 'warn' }) });
    const invite = await accounts.createBootstrapInvite();
    if (!invite) fail('an admin already exists: ask them for an invite (or create an account by name with this script)');
    process.stdout.write(`One-time admin invite (valid until ${new Date(invite.expiresAt).toISOString()}); register with it at /register:\n${invite.token}\n`);
  } else {
    const username = usernameSchema.safeParse(positionals[0] ?? '');
    if (!username.success) fail(`usage: npm run admin:create -- <username> [--name "Display Name"] [--role admin]  (${username.error.issues[0]?.message})`);
    const role = accountRoleSchema.safeParse(values.role);
    if (!role.success) fail(`--role must be one of ${accountRoleSchema.options.join(', ')}`);
    const displayName = displayNameSchema.safeParse(values.name ?? username.data);
    if (!displayName.success) fail(`--name: ${displayName.error.issues[0]?.message}`);
    if (await users.usernameTaken(username.data)) fail(`the username "${username.data}" is taken`);
    const password = newPasswordSchema.safeParse(env.ADMIN_PASSWORD ?? (await readPassword(`Password for ${username.data}: `)));
    if (!password.success) fail(password.error.issues[0]?.message ?? 'invalid password');
    const account = await users.create({ username: username.data, displayName: displayName.data, role: role.data, passwordHash: await hashPassword(password.data) });
    process.stdout.write(`Created ${account.role} "${account.username}" (${account.id}); sign in at /signin.\n`);
  }
} finally {
  await disconnectAll();
}
