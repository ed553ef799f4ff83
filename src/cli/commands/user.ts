import type { Command } from 'commander';
import { hashPassword } from '../../auth/password.js';
import { insertAgent, type Agent, type AgentRole } from '../../store/agents.js';
import type { Sql } from '../../store/database.js';
import { invalidArgument } from '../arguments.js';
import { runCommand, withDatabase } from '../context.js';

export interface CreateUserOptions {
  email: string;
  name: string;
  password?: string;
  role: AgentRole;
}

/** Shorter passwords are refused: the hash slows guessing, it cannot make "1234" strong. */
export const MIN_PASSWORD_LENGTH = 12;

/** Adds an agent. The password comes from `--password` or OMNI_USER_PASSWORD (there is no prompt in CI). */
export async function createUser(
  sql: Sql,
  options: CreateUserOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Agent> {
  const password = options.password ?? env.OMNI_USER_PASSWORD;
  if (!password) throw invalidArgument('a password is required: pass --password or set OMNI_USER_PASSWORD');
  if (password.length < MIN_PASSWORD_LENGTH)
    throw invalidArgument(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (!/^[^@\s]+@[^@\s]+$/.test(options.email)) throw invalidArgument('--email must be an email address');
  return insertAgent(sql, {
    email: options.email,
    name: options.name,
    role: options.role,
    passwordHash: await hashPassword(password),
  });
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('Manage the agents who log in to the dashboard API');
  user
    .command('create')
    .description('Add an agent; the password comes from --password or OMNI_USER_PASSWORD')
    .requiredOption('--email <email>', 'login email, unique')
    .requiredOption('--name <name>', 'display name')
    .option('--password <password>', 'password (default: OMNI_USER_PASSWORD)')
    .option('--role <role>', 'agent or admin', 'agent')
    .action((options: CreateUserOptions) =>
      runCommand(async () => {
        if (options.role !== 'agent' && options.role !== 'admin')
          throw invalidArgument('--role must be agent or admin');
        const agent = await withDatabase((sql) => createUser(sql, options));
        process.stdout.write(`${JSON.stringify(agent)}\n`);
      }),
    );
}
