import type { Command } from 'commander';
import { OmniError } from '../../errors.js';
import type { SqlPool } from '../../store/database.js';
import { resolveChannelRefs } from '../../users/channel-refs.js';
import {
  createApiToken,
  revokeApiTokenNamed,
  type TokenAccess,
  tokenChannelsProblem,
} from '../../users/manage-tokens.js';
import { checkRole } from '../../users/user-rules.js';
import { invalidArgument, repeatable } from '../arguments.js';
import { cliAuditedBy } from '../audit-actor.js';
import { runCommand, withDatabase } from '../context.js';

export type { TokenAccess };

/** Creates an API token as `omni token create` does, and answers it: the only time it exists outside its hash. */
export async function createToken(sql: SqlPool, access: TokenAccess): Promise<string> {
  return (await createApiToken(sql, cliAuditedBy(), access)).token;
}

/** Revokes the active token of this name as `omni token revoke` does; fails naming it when there is none. */
export async function revokeToken(sql: SqlPool, name: string): Promise<void> {
  if (!(await revokeApiTokenNamed(sql, cliAuditedBy(), name)))
    throw new OmniError('OMNI_ERR_CLI_NOT_FOUND', `--name: no active API token named ${JSON.stringify(name)}`);
}

interface CreateTokenOptions {
  name: string;
  role: string;
  channel?: string[];
}

/** `create`'s flags as access: an agent token needs a channel, an admin token takes none. */
async function tokenAccess(sql: SqlPool, options: CreateTokenOptions): Promise<TokenAccess> {
  const role = checkRole(options.role);
  const channels = options.channel ?? [];
  const problem = tokenChannelsProblem('--channel', role, channels.length);
  if (problem) throw invalidArgument(problem);
  return { name: options.name, role, channelIds: await resolveChannelRefs(sql, channels, '--channel') };
}

export function registerToken(program: Command): void {
  const token = program.command('token').description('Manage the bearer tokens integrations use on the API');
  token
    .command('create')
    .description('Create an API token and print it once (it is stored only as a hash)')
    .requiredOption('--name <name>', 'a name unique among active tokens')
    .requiredOption('--role <role>', 'admin (sees and manages everything) or agent (acts in its channels)')
    .option('--channel <platform/name|id>', "an agent token's channel (repeatable; at least one)", repeatable)
    .action((options: CreateTokenOptions) =>
      runCommand(async () => {
        const created = await withDatabase(async (sql) => createToken(sql, await tokenAccess(sql, options)));
        process.stdout.write(`${created}\n`);
      }),
    );

  token
    .command('revoke')
    .description('Revoke the active API token with this name; its open event streams end at once')
    .requiredOption('--name <name>', 'the token name')
    .action((options: { name: string }) =>
      runCommand(async () => {
        await withDatabase((sql) => revokeToken(sql, options.name));
        process.stdout.write(`revoked ${options.name}\n`);
      }),
    );
}
