// Ingest with one channel per platform against ingest with a hundred: the same server, saturated in
// turn with the bench's channels disabled (only the environment's four) and enabled (96 more, each
// on its own Meta app or bot secret), twice each, so drift on a shared box falls on both alike.
import { addChannel, setChannelEnabled } from '../dist/channels/manage-channels.js';
import { cliAuditedBy } from '../dist/cli/audit-actor.js';
import { loadConfig } from '../dist/config/load-config.js';
import { readVaultKeys } from '../dist/vault/encryption-key.js';
import { createSecretBox } from '../dist/vault/secret-box.js';
import { addressTo, benchChannelSpecs, signFor } from './bench-channels.mjs';
import { sampleWebhookBody } from '../dist/cli/samples.js';

/** 96 added to the environment's four `default` channels: a hundred in all. */
export const BENCH_CHANNELS = 96;

/** The management service, as `omni channel` makes it, in the bench process. */
function management(sql, env) {
  const config = loadConfig(env);
  return {
    sql,
    // The bench changes channels as `omni channel` would, so its rows in the audit log name the CLI's user.
    by: cliAuditedBy(),
    box: createSecretBox(readVaultKeys(config)),
    config,
    // No Telegram here: each bot's id is the number before the colon of its bench token.
    identifyBot: async (token) => ({ botId: token.split(':')[0], username: 'bench_bot' }),
  };
}

/**
 * Waits until the server answers a request signed for `spec` with `status` (200 once its directory
 * holds the channel, 401 once it no longer does): the change travels by NOTIFY.
 */
async function untilServerSees(url, spec, status, until) {
  await until(
    `the server to answer ${status} for ${spec.name}`,
    async () => {
      const rawBody = Buffer.from(JSON.stringify(addressTo(spec, sampleWebhookBody(spec.platform, 'bench probe'))));
      const response = await fetch(`${url}/webhook/${spec.platform}`, {
        method: 'POST',
        headers: signFor(spec, rawBody),
        body: rawBody,
      });
      await response.arrayBuffer();
      return response.status === status;
    },
    10_000,
  );
}

async function setAllEnabled(sql, specs, enabled) {
  for (const spec of specs) await setChannelEnabled({ sql, by: cliAuditedBy() }, spec.name, enabled, spec.platform);
}

export async function measureChannelIngest(run, r, { url, sql, env, plan, until, progress }) {
  const specs = benchChannelSpecs(BENCH_CHANNELS);
  const m = management(sql, env);
  for (const spec of specs) await addChannel(m, spec.body);
  const last = specs.at(-1);
  const saturate = (name, prefix, seqBase, channels) =>
    run.load(name, 'saturate', {
      url,
      connections: plan.connections,
      durationS: plan.saturateS,
      prefix,
      seqBase,
      ...(channels ? { channels } : {}),
    });
  const one = [];
  const hundred = [];
  for (const round of [0, 1]) {
    await setAllEnabled(sql, specs, false);
    await untilServerSees(url, last, 401, until);
    progress(`channels: saturation with 4 channels, round ${round + 1}, ${plan.saturateS}s`);
    one.push(await saturate(`channels_4_${round}`, `c4r${round}`, 110_000_000 + round * 10_000_000));
    await setAllEnabled(sql, specs, true);
    await untilServerSees(url, last, 200, until);
    progress(`channels: saturation with 100 channels, round ${round + 1}, ${plan.saturateS}s`);
    hundred.push(await saturate(`channels_100_${round}`, `c100r${round}`, 130_000_000 + round * 10_000_000, specs));
  }
  const mean = (runs) => Math.round(runs.reduce((n, x) => n + x.rps, 0) / runs.length);
  r.channels = { one, hundred, oneRps: mean(one), hundredRps: mean(hundred) };
}
