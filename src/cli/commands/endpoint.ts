import type { Command } from 'commander';
import { endpointPolicy } from '../../endpoints/endpoint-policy.js';
import { ALL_EVENT_TYPES, ENDPOINT_EVENT_TYPES } from '../../endpoints/event-types.js';
import { reenableEndpoint, removeEndpoint } from '../../endpoints/manage-endpoints.js';
import { registerEndpoint } from '../../endpoints/register-endpoint.js';
import { OmniError } from '../../errors.js';
import { listEndpoints } from '../../store/endpoints.js';
import { invalidArgument } from '../arguments.js';
import { cliAuditedBy } from '../audit-actor.js';
import { runCommand, withDatabase } from '../context.js';

function endpointId(value: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 1)
    throw invalidArgument(`<id>: ${JSON.stringify(value)} is not an endpoint id`);
  return id;
}

const noEndpoint = (id: string) => new OmniError('OMNI_ERR_CLI_NOT_FOUND', `no endpoint ${id}`);

/** Runs a subcommand on the database and prints the lines it answers. */
function printing(body: Parameters<typeof withDatabase<string[]>>[0]): Promise<void> {
  return runCommand(async () => {
    const lines = await withDatabase(body);
    for (const line of lines) process.stdout.write(`${line}\n`);
  });
}

export function registerEndpointCommands(program: Command): void {
  const endpoint = program.command('endpoint').description('Manage the HTTP endpoints that receive signed events');
  endpoint
    .command('add <url>')
    .description('Subscribe an endpoint and print it as JSON with its signing secret (shown only this once)')
    .requiredOption(
      '--events <list>',
      `comma list of ${ENDPOINT_EVENT_TYPES.join(', ')}, or ${ALL_EVENT_TYPES} for all`,
    )
    .action((url: string, options: { events: string }) =>
      printing(async (sql, config) => [
        JSON.stringify(
          await registerEndpoint(
            sql,
            endpointPolicy(config.endpoints),
            { url, events: options.events },
            cliAuditedBy(),
          ),
        ),
      ]),
    );
  endpoint
    .command('list')
    .description('Print each endpoint as a JSON line: its events, whether enabled, its run of failures')
    .action(() => printing(async (sql) => (await listEndpoints(sql)).map((e) => JSON.stringify(e))));
  endpoint
    .command('remove <id>')
    .description('Remove an endpoint and its delivery log; its pending deliveries end as failed')
    .action((id: string) =>
      printing(async (sql) => {
        if (!(await removeEndpoint(sql, endpointId(id), cliAuditedBy()))) throw noEndpoint(id);
        return [`removed endpoint ${id}`];
      }),
    );
  endpoint
    .command('enable <id>')
    .description('Re-enable an endpoint (after it was disabled by a run of failed deliveries), with a fresh run')
    .action((id: string) =>
      printing(async (sql) => {
        const enabled = await reenableEndpoint(sql, endpointId(id), cliAuditedBy());
        if (!enabled) throw noEndpoint(id);
        return [`enabled endpoint ${id}`];
      }),
    );
}
