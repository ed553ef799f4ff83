import type { Command } from 'commander';
import type { SqlPool } from '../../store/database.js';
import { resolveChannelRefs } from '../../users/channel-refs.js';
import {
  createUser as createManagedUser,
  type User,
  type UserChanges,
  updateUser,
  userIdByEmail,
} from '../../users/manage-users.js';
import { invalidArgument, repeatable } from '../arguments.js';
import { cliAuditedBy } from '../audit-actor.js';
import { runCommand, withDatabase } from '../context.js';

export interface CreateUserOptions {
  email: string;
  name: string;
  password?: string;
  role: string;
  /** Channels named `<platform>/<name>`, by a name only one platform has, or by id. */
  channel?: string[];
}

interface UpdateUserOptions {
  name?: string;
  role?: string;
  addChannel?: string[];
  removeChannel?: string[];
}

/** `--password`, or OMNI_USER_PASSWORD: there is no prompt in CI. */
function passwordOf(options: { password?: string }, env: NodeJS.ProcessEnv): string {
  const password = options.password ?? env.OMNI_USER_PASSWORD;
  if (!password) throw invalidArgument('a password is required: pass --password or set OMNI_USER_PASSWORD');
  return password;
}

/** Adds a user, a member of each `--channel`, as `omni user create` does. */
export async function createUser(
  sql: SqlPool,
  options: CreateUserOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<User> {
  const password = passwordOf(options, env);
  const channelIds = await resolveChannelRefs(sql, options.channel ?? [], '--channel');
  return createManagedUser(sql, cliAuditedBy(), { ...options, password, channelIds });
}

/** Changes the user with this email, as `omni user update|disable|enable|reset-password` do. */
export async function changeUser(sql: SqlPool, email: string, changes: UserChanges): Promise<User> {
  return updateUser(sql, cliAuditedBy(), await userIdByEmail(sql, email), changes);
}

function printed(user: User): void {
  process.stdout.write(`${JSON.stringify(user)}\n`);
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('Manage the users (admins and agents) who log in to the dashboard');
  user
    .command('create')
    .description('Add a user; the password comes from --password or OMNI_USER_PASSWORD')
    .requiredOption('--email <email>', 'login email, unique')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--role <role>', 'admin (sees and manages everything) or agent (works in its channels)')
    .option('--channel <platform/name|id>', 'a channel the user works in (repeatable)', repeatable)
    .option('--password <password>', 'password (default: OMNI_USER_PASSWORD)')
    .action((options: CreateUserOptions) =>
      runCommand(async () => printed(await withDatabase((sql) => createUser(sql, options)))),
    );

  user
    .command('update <email>')
    .description("Change a user's name, role or channels")
    .option('--name <name>', 'display name')
    .option('--role <role>', 'admin or agent')
    .option('--add-channel <platform/name|id>', 'a channel to join (repeatable)', repeatable)
    .option('--remove-channel <platform/name|id>', 'a channel to leave (repeatable)', repeatable)
    .action((email: string, options: UpdateUserOptions) =>
      runCommand(async () => {
        const changed = await withDatabase(async (sql) =>
          changeUser(sql, email, {
            name: options.name,
            role: options.role,
            addChannelIds: await resolveChannelRefs(sql, options.addChannel ?? [], '--add-channel'),
            removeChannelIds: await resolveChannelRefs(sql, options.removeChannel ?? [], '--remove-channel'),
          }),
        );
        printed(changed);
      }),
    );

  const switches = [
    ['disable', 'Disable a user: it cannot log in, and its sessions and event streams end at once', true],
    ['enable', 'Enable a disabled user again (it logs in anew)', false],
  ] as const;
  for (const [name, description, disabled] of switches) {
    user
      .command(`${name} <email>`)
      .description(description)
      .action((email: string) =>
        runCommand(async () => printed(await withDatabase((sql) => changeUser(sql, email, { disabled })))),
      );
  }

  user
    .command('reset-password <email>')
    .description("Set a user's password (from --password or OMNI_USER_PASSWORD); its sessions end")
    .option('--password <password>', 'the new password (default: OMNI_USER_PASSWORD)')
    .action((email: string, options: { password?: string }) =>
      runCommand(async () => {
        const password = passwordOf(options, process.env);
        printed(await withDatabase((sql) => changeUser(sql, email, { password })));
      }),
    );
}
