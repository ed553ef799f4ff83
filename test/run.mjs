// `npm test`: runs tap against the PostgreSQL at DATABASE_URL, or, when it is unset, against an
// embedded PostgreSQL started here for the whole run (one server; each test file makes its own database).
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';

let embedded;
let dataDir;
if (!process.env.DATABASE_URL) {
  const { startEmbeddedPostgres } = await import('../dist/runtime/embedded-postgres.js');
  dataDir = await mkdtemp(join(tmpdir(), 'omni-test-pg-'));
  await chmod(dataDir, 0o755); // as root, PostgreSQL runs as another user that must reach it
  embedded = await startEmbeddedPostgres(dataDir, pino({ level: 'silent' }));
  process.env.DATABASE_URL = embedded.databaseUrl;
  console.log('# DATABASE_URL unset: tests run on an embedded PostgreSQL');
}

const tap = spawn('npx', ['tap', ...process.argv.slice(2)], { stdio: 'inherit', env: process.env });
const code = await new Promise((resolve) => tap.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
if (embedded) {
  await embedded.stop();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(code);
