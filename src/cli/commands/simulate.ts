import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { PLATFORM_NAMES } from '../../platforms/types.js';
import { readDevSecrets } from '../../runtime/dev-secrets.js';
import { platformArgument } from '../arguments.js';
import { openCommandContext, runCommand } from '../context.js';
import { sampleWebhookBody } from '../samples.js';
import { signedHeaders } from '../sign-request.js';

interface SimulateOptions {
  url?: string;
  text: string;
  body?: string;
  times: number;
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('POST a realistic, correctly signed sample webhook to a running server')
    .argument('<platform>', PLATFORM_NAMES.join(' | '))
    .option('--url <url>', 'server base URL (default http://127.0.0.1:$PORT)')
    .option('--text <text>', 'message text', 'Hello from omni simulate')
    .option('--body <file>', 'send this webhook body (JSON file) instead of a fresh sample')
    .option('--times <n>', 'send the same bytes n times (a platform retrying)', (v) => Number.parseInt(v, 10), 1)
    .action((platform: string, options: SimulateOptions) =>
      runCommand(async () => {
        const name = platformArgument(platform);
        const { config } = await openCommandContext('omni');
        const secrets = {
          ...readDevSecrets(config.dataDir),
          ...Object.fromEntries(Object.entries(config.platforms).filter(([, v]) => v)),
        };
        const body = options.body
          ? JSON.parse(await readFile(options.body, 'utf8'))
          : sampleWebhookBody(name, options.text);
        const rawBody = Buffer.from(JSON.stringify(body));
        const base = options.url ?? `http://127.0.0.1:${config.port}`;
        const target = new URL(`/webhook/${name}`, base);
        let failed = false;
        for (let i = 0; i < options.times; i++) {
          const response = await fetch(target, {
            method: 'POST',
            headers: signedHeaders(name, secrets, rawBody),
            body: rawBody,
          });
          process.stdout.write(`${response.status} ${await response.text()}\n`);
          failed ||= !response.ok;
        }
        if (failed) process.exitCode = 1;
      }),
    );
}
