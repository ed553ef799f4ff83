import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { auditRows } from '../helpers/audit.js';
import { createTestDatabase } from '../helpers/database.js';
import { startFakePlatformApi } from '../helpers/fake-platform-api.js';
import { runOmni, stderrOf } from '../helpers/omni-cli.js';

const SECRETS = {
  appSecret: 'app-secret-brazil-0001',
  verifyToken: 'verify-token-brazil',
  accessToken: 'EAAG-access-token-brazil-9876',
  pageToken: 'EAAG-page-token-shop-5432',
  botToken: '7000000001:AAH-bot-token-of-the-support-bot',
};
const meta = ['--app-secret', SECRETS.appSecret, '--verify-token', SECRETS.verifyToken];
// About forty CLI processes, each starting node and opening the database: well past tap's 120 s on
// a busy two-core box, though each waits on its own answer, never on time.
t.setTimeout(300_000);

t.test('omni channel manages the channels on DATABASE_URL, never printing a secret it was given', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const platformApi = await startFakePlatformApi(t);
  const oldKey = randomBytes(32).toString('base64');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    OMNI_DATA_DIR: await mkdtemp(join(tmpdir(), 'omni-channel-')),
    OMNI_ENCRYPTION_KEY: oldKey,
    GRAPH_API_BASE_URL: platformApi.url,
    TELEGRAM_API_BASE_URL: platformApi.url,
  };
  const printed: string[] = [];
  const omni = async (...args: string[]) => {
    const { stdout } = await runOmni(['channel', ...args], env);
    printed.push(stdout);
    return stdout;
  };
  const refused = async (...args: string[]) => {
    const stderr = await stderrOf(runOmni(['channel', ...args], env));
    printed.push(stderr);
    return stderr.trim();
  };
  const whatsapp = ['add', 'whatsapp', '--name', 'Brazil', '--phone-number-id', '5550001', ...meta];

  t.test('unrouted lists the accounts with no channel; adding one adopts their conversations', async (t) => {
    await sql`insert into conversations (platform, account, conversation_key) values ('whatsapp', '5550001', '551199')`;
    t.match(await omni('unrouted'), /^PLATFORM +ACCOUNT +CONVERSATIONS.*\nwhatsapp +5550001 +1 +0 +-\n$/);
    const added = await omni(...whatsapp, '--access-token', SECRETS.accessToken, '--waba-id', '2001');
    t.match(
      added,
      /^added whatsapp channel \d+ "Brazil" for account 5550001\n1 earlier conversation\(s\) of the account \(unrouted, or the default channel's\) joined it\n$/,
    );
    t.same(JSON.parse(await omni('unrouted', '--json')), []);
  });

  t.test('bad input names the flag, the four platforms, the channel holding an account', async (t) => {
    t.equal(
      await refused('add', 'signal', '--name', 'x'),
      'omni: unknown platform signal: use whatsapp, messenger, instagram, telegram',
    );
    t.equal(
      await refused('add', 'whatsapp', '--name', 'Chile', ...meta, '--access-token', 'x'),
      'omni: --phone-number-id is required for a whatsapp channel',
    );
    t.match(
      await refused(...whatsapp, '--name', 'Chile', '--access-token', 'x'),
      /^omni: --phone-number-id: whatsapp account 5550001 already has a channel \(held by channel "Brazil", id \d+\)$/,
    );
    t.match(
      await refused(...whatsapp, '--page-id', '9', '--access-token', 'x'),
      /^omni: --page-id is not a whatsapp channel field \(it takes --name, /,
    );
    t.match(
      await refused(...whatsapp, '--phone-number-id', '7', '--access-token', 'x', '--sends-per-second', 'many'),
      /^omni: --sends-per-second must be an integer/,
    );
    platformApi.answerNext(/getMe$/, {
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    t.equal(
      await refused('add', 'telegram', '--name', 'Bot', '--bot-token', '1:refused'),
      'omni: --bot-token was refused by Telegram: Unauthorized',
    );
    t.match(
      await refused(
        'add',
        'telegram',
        '--name',
        'Bot',
        '--bot-token',
        SECRETS.botToken,
        '--register',
        'http://omni.example',
      ),
      /^omni: --register must be the https base URL/,
    );
    t.equal((await sql`select count(*)::int as n from channels`)[0]!.n, 1, 'nothing half-added');
  });

  t.test(
    'a Telegram bot: getMe learns it, the generated secret is printed once, --register sets its webhook',
    async (t) => {
      const out = await omni(
        'add',
        'telegram',
        '--name',
        'Support',
        '--bot-token',
        SECRETS.botToken,
        '--register',
        'https://omni.example',
      );
      const secret = /webhook secret \(shown only this once; [^)]*\): ([A-Za-z0-9_-]+)\n/.exec(out)?.[1];
      t.match(out, /^added telegram channel \d+ "Support" for account 7000000001\n/);
      t.match(out, /webhook registered: https:\/\/omni\.example\/webhook\/telegram\n$/);
      const set = platformApi.requests.find((r) => r.path.endsWith('/setWebhook'));
      t.match(set?.body, { url: 'https://omni.example/webhook/telegram', secret_token: secret });
      t.ok(Array.isArray(set?.body.allowed_updates) && set.body.allowed_updates.includes('message'));
      t.notMatch(await omni('list', '--json'), secret!, 'never shown again');
    },
  );

  t.test('list shows hints of the secrets; update rotates the app secret and resets a cap', async (t) => {
    await omni(
      'add',
      'messenger',
      '--name',
      'Brazil',
      '--page-id',
      '1234567890',
      ...meta,
      '--access-token',
      SECRETS.pageToken,
    );
    const table = (await omni('list')).trim().split('\n');
    t.match(table[0], /^ID +PLATFORM +NAME +ACCOUNT +ENABLED +SOURCE +SENDS\/S +ASSIGNMENT +SECRETS +LAST ERROR$/);
    t.match(
      table[1],
      /messenger +Brazil +1234567890 +yes +database +default +manual +appSecret …0001, verifyToken …azil, accessToken …5432 +-$/,
    );
    t.equal(table.length, 4, 'messenger, telegram, whatsapp');
    t.match(
      await refused('check', 'Brazil'),
      /Several channels are named "Brazil": whatsapp \(id \d+\), messenger \(id \d+\); give the id or the platform/,
    );
    const updated = await omni(
      'update',
      'Brazil',
      '--platform',
      'whatsapp',
      '--app-secret',
      'app-secret-brazil-0002',
      '--sends-per-second',
      '9',
    );
    t.match(
      updated,
      /^updated whatsapp channel \d+ "Brazil"\nthe previous app secret still verifies webhooks until \d{4}-/,
    );
    const [channel] = JSON.parse(await omni('list', '--json')).filter(
      (c: { platform: string }) => c.platform === 'whatsapp',
    );
    t.match(channel, { sendsPerSecond: 9, secrets: { appSecret: '…0002' }, previousAppSecretUntil: String });
    await omni('update', String(channel.id), '--sends-per-second', 'default');
    t.same((await sql`select sends_per_second from channels where id = ${channel.id}`)[0], { sends_per_second: null });
  });

  t.test('check asks the platform and says what is wrong in words', async (t) => {
    t.match(await omni('check', 'Support'), /^telegram channel \d+ "Support": ok\n {2}botId: 7000000001\n/);
    t.match(
      await omni('check', 'Brazil', '--platform', 'messenger'),
      /: ok\n {2}id: 1234567890\n {2}name: Omni Page\n$/,
    );
    platformApi.answerNext(/\/5550001\?fields=/, {
      status: 401,
      body: {
        error: { message: 'Error validating access token: Session has expired', type: 'OAuthException', code: 190 },
      },
    });
    const failing = await runOmni(['channel', 'check', 'Brazil', '--platform', 'whatsapp'], env).catch((e) => e);
    t.equal(failing.code, 1, 'a check with problems exits 1');
    t.match(failing.stdout, /^whatsapp channel \d+ "Brazil": problems\n {2}problem: .*Session has expired/);
  });

  t.test('disable, enable and remove switch and remove the channel', async (t) => {
    t.match(await omni('disable', 'Support'), /^disabled telegram channel \d+ "Support"\n$/);
    t.same((await sql`select enabled from channels where name = 'Support'`)[0], { enabled: false });
    t.match(await omni('enable', 'Support'), /^enabled telegram channel/);
    t.match(await omni('remove', 'Brazil', '--platform', 'messenger'), /^removed messenger channel/);
    t.same((await sql`select access_token, secret_hints from channels where platform = 'messenger'`)[0], {
      access_token: null,
      secret_hints: {},
    });
    t.match(await refused('remove', 'Brazil', '--platform', 'messenger'), /No channel is named "Brazil"/);
  });

  t.test('rekey re-seals every secret with the new key, the old one kept as previous meanwhile', async (t) => {
    env.OMNI_ENCRYPTION_KEY = randomBytes(32).toString('base64');
    env.OMNI_ENCRYPTION_PREVIOUS_KEYS = oldKey;
    t.match(await omni('rekey'), /^re-sealed \d+ secret\(s\) of 2 channel\(s\) with the current key\n$/);
    delete env.OMNI_ENCRYPTION_PREVIOUS_KEYS;
    t.match(await omni('check', 'Support'), /: ok\n/, 'opens with the new key alone');
  });

  t.test('no secret given on a command line was ever printed', async (t) => {
    const all = printed.join('\n');
    for (const secret of [...Object.values(SECRETS), 'app-secret-brazil-0002']) t.notMatch(all, secret);
  });

  t.test('every change is a cli audit row of the operating-system user, holding no secret', async (t) => {
    const rows = await auditRows(sql);
    t.ok(rows.length > 0 && rows.every((row) => row.actor_kind === 'cli' && row.ip === null && row.actor_name !== ''));
    const actions = new Set(rows.map((row) => row.action));
    for (const action of ['channel.created', 'channel.updated', 'channel.removed', 'channel.rekeyed'])
      t.ok(actions.has(action), action);
    const text = rows.map((row) => row.text).join('\n');
    for (const secret of [...Object.values(SECRETS), 'app-secret-brazil-0002']) t.notMatch(text, secret);
  });
});
