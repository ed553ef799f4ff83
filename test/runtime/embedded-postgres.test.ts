import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { startEmbeddedPostgres } from '../../src/runtime/embedded-postgres.js';
import { silentLogger } from '../helpers/app.js';

t.test(
  'a second process starting on a data dir whose embedded PostgreSQL is running is told why it cannot',
  async (t) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'omni-embedded-'));
    await chmod(dataDir, 0o755); // as root, PostgreSQL runs as another user that must reach it
    t.teardown(() => rm(dataDir, { recursive: true, force: true }));
    const first = await startEmbeddedPostgres(dataDir, silentLogger);
    t.teardown(first.stop);
    await t.rejects(startEmbeddedPostgres(dataDir, silentLogger), {
      code: 'OMNI_ERR_RUNTIME_DATABASE_START_FAILED',
      message: /did not start \(.*postmaster\.pid.*\)\. One process owns OMNI_DATA_DIR's database.*DATABASE_URL/,
    });
  },
);
