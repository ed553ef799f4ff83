import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import {
  createSecretReader,
  databaseUrlFromSecret,
  loadConfigWithAwsSecrets,
  resolveAwsSecrets,
} from '../../src/config/aws-secrets.js';

const AURORA = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:omni-dev-aurora-AbCdEf';
const PLATFORMS = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:omni-dev-platforms-AbCdEf';
const CLUSTER = 'arn:aws:rds:eu-west-1:123456789012:cluster:omni-dev';
const auroraSecret = JSON.stringify({
  username: 'omni',
  password: 'p@ss:w/rd?',
  host: 'omni.cluster-abc.eu-west-1.rds.amazonaws.com',
  port: 5432,
  dbname: 'omni',
  engine: 'postgres',
});

/** A reader over fixed secrets that records what it was asked for. */
function fakeReader(secrets: Record<string, string>) {
  const asked: string[] = [];
  const read = async (id: string) => {
    asked.push(id);
    if (!(id in secrets)) throw new Error(`no secret ${id}`);
    return secrets[id];
  };
  return { read, asked };
}

t.test('builds a TLS connection string from the RDS secret JSON, escaping the password', async (t) => {
  const url = new URL(databaseUrlFromSecret(auroraSecret));
  t.equal(url.hostname, 'omni.cluster-abc.eu-west-1.rds.amazonaws.com');
  t.equal(decodeURIComponent(url.password), 'p@ss:w/rd?');
  t.equal(url.pathname, '/omni');
  t.equal(url.searchParams.get('sslmode'), 'verify-full');
  const defaults = new URL(databaseUrlFromSecret(JSON.stringify({ username: 'u', password: 'p', host: 'h' })));
  t.same([defaults.port, defaults.pathname], ['5432', '/postgres']);
});

t.test('names what is missing from the secret and never echoes it', async (t) => {
  t.throws(
    () => databaseUrlFromSecret(JSON.stringify({ username: 'u', password: 'hunter2' })),
    /AURORA_SECRET_ARN has no "host"/,
  );
  t.throws(() => databaseUrlFromSecret('hunter2 is not json'), {
    message: 'AURORA_SECRET_ARN must hold a JSON object',
  });
  t.throws(() => databaseUrlFromSecret('[1]'), /must hold a JSON object/);
});

t.test('reads nothing when no secret ARN is set', async (t) => {
  const { read, asked } = fakeReader({});
  const env = { DATABASE_URL: 'postgres://localhost/omni' };
  t.equal(await resolveAwsSecrets(env, read), env);
  t.same(asked, []);
});

t.test('DATABASE_URL from AURORA_SECRET_ARN only when DATABASE_URL is unset', async (t) => {
  const { read, asked } = fakeReader({ [AURORA]: auroraSecret });
  const config = await loadConfigWithAwsSecrets({ AURORA_SECRET_ARN: AURORA, AURORA_CLUSTER_ARN: CLUSTER }, read);
  t.match(config.databaseUrl, /^postgres:\/\/omni:.+@omni\.cluster-abc/);
  t.same(config.aws, {
    auroraSecretArn: AURORA,
    auroraClusterArn: CLUSTER,
    platformSecretsArn: undefined,
    vpcId: undefined,
    subnetIds: [],
  });
  const explicit = await loadConfigWithAwsSecrets(
    { AURORA_SECRET_ARN: AURORA, DATABASE_URL: 'postgres://localhost/x' },
    read,
  );
  t.equal(explicit.databaseUrl, 'postgres://localhost/x');
  t.equal(asked.length, 1, 'the secret is not read when DATABASE_URL is set');
});

t.test('an unusable Aurora secret names the cluster', async (t) => {
  const { read } = fakeReader({ [AURORA]: '{}' });
  await t.rejects(
    resolveAwsSecrets({ AURORA_SECRET_ARN: AURORA, AURORA_CLUSTER_ARN: CLUSTER }, read),
    new RegExp(`cluster ${CLUSTER}.*no "username"`),
  );
});

t.test(
  'platform variables from PLATFORM_SECRETS_ARN: Omni names only, strings only, the environment wins',
  async (t) => {
    const { read } = fakeReader({
      [PLATFORMS]: JSON.stringify({
        WHATSAPP_APP_SECRET: 'from-secret',
        WHATSAPP_VERIFY_TOKEN: 'verify',
        TELEGRAM_WEBHOOK_SECRET: 'tg',
        MESSENGER_APP_SECRET: 42,
        NODE_OPTIONS: '--require /tmp/evil.js',
      }),
    });
    const env = { PLATFORM_SECRETS_ARN: PLATFORMS, TELEGRAM_WEBHOOK_SECRET: 'from-env' };
    const resolved = await resolveAwsSecrets(env, read);
    t.equal(resolved.NODE_OPTIONS, undefined, 'not an Omni variable');
    t.equal(resolved.MESSENGER_APP_SECRET, undefined, 'not a string');
    const config = await loadConfigWithAwsSecrets(env, read);
    t.same(config.platforms.whatsapp, { appSecret: 'from-secret', verifyToken: 'verify' });
    t.same(config.platforms.telegram, { secretToken: 'from-env' });
  },
);

t.test('a malformed ARN fails before any AWS call', async (t) => {
  const { read, asked } = fakeReader({});
  await t.rejects(
    resolveAwsSecrets({ AURORA_SECRET_ARN: 'omni-dev-aurora' }, read),
    /AURORA_SECRET_ARN must be an ARN/,
  );
  t.same(asked, []);
});

t.test('the Secrets Manager reader speaks the real API (a loopback stand-in for the service)', async (t) => {
  const requests: { target?: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push({ target: req.headers['x-amz-target'] as string, body });
      const { SecretId } = JSON.parse(body) as { SecretId: string };
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      res.end(
        JSON.stringify(
          SecretId === AURORA
            ? { ARN: AURORA, Name: 'aurora', SecretString: auroraSecret }
            : { ARN: SecretId, Name: 'binary', SecretBinary: 'AAE=' },
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => server.close());
  const saved = { ...process.env };
  t.teardown(() => {
    process.env = saved;
  });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
  const read = createSecretReader('eu-west-1');
  t.equal(await read(AURORA), auroraSecret);
  t.equal(requests[0].target, 'secretsmanager.GetSecretValue');
  await t.rejects(read(PLATFORMS), /has no SecretString/);
});
