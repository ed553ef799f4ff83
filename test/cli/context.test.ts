import { execFile } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';

const run = promisify(execFile);
const OMNI = fileURLToPath(new URL('../../bin/omni.js', import.meta.url));
const AURORA = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:omni-dev-aurora-AbCdEf';

/** How a command that should fail ended: its exit code and stderr. */
const failureOf = (command: Promise<unknown>) =>
  command.then(
    () => ({ code: 0, stderr: 'succeeded' }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );

/** Only what a command is given: not the DATABASE_URL the tests themselves run with. */
function commandEnv(env: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    LOG_LEVEL: 'silent',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...env,
  };
}

t.test('a command that needs the database or the queue fails naming the variables to set', async (t) => {
  const relay = await failureOf(run(process.execPath, [OMNI, 'relay', '--once'], { env: commandEnv({}) }));
  t.equal(relay.code, 2);
  t.match(relay.stderr, /^omni: DATABASE_URL or AURORA_SECRET_ARN is required/);
  const replay = await failureOf(
    run(process.execPath, [OMNI, 'replay-dlq', '--dry-run'], {
      env: commandEnv({ DATABASE_URL: 'postgres://127.0.0.1:1/omni' }),
    }),
  );
  t.equal(replay.code, 2);
  t.match(replay.stderr, /^omni: MESSAGE_QUEUE_URL and DEAD_LETTER_QUEUE_URL are required/);
});

t.test('every command that connects reads AURORA_SECRET_ARN for its database', async (t) => {
  // Secrets Manager's stand-in answers the Aurora secret, which names the database's stand-in below.
  const asked: string[] = [];
  const secrets = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const { SecretId } = JSON.parse(body) as { SecretId: string };
      asked.push(SecretId);
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      res.end(JSON.stringify({ ARN: SecretId, Name: 'aurora', SecretString: auroraSecret }));
    });
  });
  // The database's stand-in only counts connections: each command then fails, having tried the secret's host.
  let connections = 0;
  const database = createTcpServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => secrets.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => database.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    secrets.close();
    database.close();
  });
  const auroraSecret = JSON.stringify({
    username: 'omni',
    password: 'secret',
    host: '127.0.0.1',
    port: (database.address() as AddressInfo).port,
    dbname: 'omni',
  });
  const env = commandEnv({
    AURORA_SECRET_ARN: AURORA,
    AWS_REGION: 'eu-west-1',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${(secrets.address() as AddressInfo).port}`,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    MESSAGE_QUEUE_URL: 'http://127.0.0.1:1/000000000000/omni-messages',
    DEAD_LETTER_QUEUE_URL: 'http://127.0.0.1:1/000000000000/omni-messages-dlq',
    AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:1',
  });
  for (const args of [
    ['relay', '--once'],
    ['media', 'retry'],
    ['reprocess'],
    ['token', 'create', '--name', 'ci', '--role', 'admin'],
  ]) {
    const before = { asked: asked.length, connections };
    const outcome = await failureOf(run(process.execPath, [OMNI, ...args], { env }));
    t.not(outcome.code, 0, `omni ${args.join(' ')} could not use the stand-in database`);
    t.notMatch(outcome.stderr, /is required/, `omni ${args.join(' ')} found its database in the secret`);
    t.same(asked.slice(before.asked), [AURORA], `omni ${args.join(' ')} read the Aurora secret`);
    t.ok(connections > before.connections, `omni ${args.join(' ')} connected to the host the secret names`);
  }
});
