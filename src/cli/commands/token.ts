import type { Command } from 'commander';
import { generateToken, hashToken } from '../../auth/tokens.js';
import { insertApiToken, revokeApiToken } from '../../store/api-tokens.js';
import type { AgentRole } from '../../store/agents.js';
import type { Sql } from '../../store/database.js';
import { OmniError } from '../../errors.js';
import { runCommand, withDatabase } from '../context.js';

export interface TokenAccess {
  name: string;
  role: AgentRole;
  channelIds: readonly number[];
}

/** Creates an API token and answers it: the only time it exists outside its hash. */
export async function createToken(sql: Sql, access: TokenAccess): Promise<string> {
  const token = generateToken('omt');
  await insertApiToken(sql, { ...access, tokenHash: hashToken(token) });
  return token;
}

/** Revokes the active token of this name; fails naming it when there is none. */
export async function revokeToken(sql: Sql, name: string): Promise<void> {
  if (!(await revokeApiToken(sql, name)))
    throw new OmniError('OMNI_ERR_CLI_NOT_FOUND', `--name: no active API token named ${JSON.stringify(name)}`);
}

export function registerToken(program: Command): void {
  const token = program.command('token').description('Manage the bearer tokens integrations use on the API');
  const subcommands = [
    {
      name: 'create',
      nameHelp: 'a name unique among active tokens',
      description: 'Create an API token and print it once (it is stored only as a hash)',
      run: (sql: Sql, name: string) => createToken(sql, { name, role: 'admin', channelIds: [] }),
    },
    {
      name: 'revoke',
      nameHelp: 'the token name',
      description: 'Revoke the active API token with this name',
      run: async (sql: Sql, name: string) => {
        await revokeToken(sql, name);
        return `revoked ${name}`;
      },
    },
  ];
  for (const sub of subcommands) {
    token
      .command(sub.name)
      .description(sub.description)
      .requiredOption('--name <name>', sub.nameHelp)
      .action((options: { name: string }) =>
        runCommand(async () => {
          const line = await withDatabase((sql) => sub.run(sql, options.name));
          process.stdout.write(`${line}\n`);
        }),
      );
  }
}
