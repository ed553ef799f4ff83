// The channels a bench run adds beside the environment's `default` ones, each with its own account
// and secrets: the server's keyrings then hold about a hundred distinct app secrets and Telegram
// secret tokens, as an install with many numbers, Pages and bots on many Meta apps would.
import { signedHeaders } from '../dist/cli/sign-request.js';
import { PLATFORM_NAMES } from '../dist/platforms/types.js';

/** `count` channels, the four platforms in turn, each with its own account ids and secrets. */
export function benchChannelSpecs(count) {
  return Array.from({ length: count }, (_, i) => {
    const platform = PLATFORM_NAMES[i % PLATFORM_NAMES.length];
    const n = String(i).padStart(4, '0');
    const name = `bench-${platform}-${n}`;
    if (platform === 'telegram') {
      const secretToken = `bench-telegram-${n}-secret`;
      return {
        platform,
        name,
        body: { platform, name, botToken: `70000${n}:bench-token-${n}`, webhookSecret: secretToken },
        botId: `70000${n}`,
        signing: { telegram: { secretToken } },
      };
    }
    const appSecret = `bench-${platform}-${n}-app-secret`;
    const account =
      platform === 'whatsapp' ? `10654000${n}` : platform === 'messenger' ? `40421700${n}` : `1784146${n}`;
    const accountField = { whatsapp: 'phoneNumberId', messenger: 'pageId', instagram: 'instagramId' }[platform];
    return {
      platform,
      name,
      account,
      wabaId: platform === 'whatsapp' ? `10229000${n}` : undefined,
      body: {
        platform,
        name,
        [accountField]: account,
        ...(platform === 'whatsapp' ? { wabaId: `10229000${n}` } : {}),
        appSecret,
        verifyToken: `bench-verify-${n}`,
        accessToken: `bench-access-${n}`,
      },
      signing: { [platform]: { appSecret, verifyToken: `bench-verify-${n}` } },
    };
  });
}

/** Points a sample body at the channel's account: Meta's entry id (the hint) and the account fields. */
export function addressTo(spec, body) {
  if (spec.platform === 'whatsapp') {
    body.entry[0].id = spec.wabaId;
    body.entry[0].changes[0].value.metadata.phone_number_id = spec.account;
  } else if (spec.platform !== 'telegram') {
    body.entry[0].id = spec.account;
    body.entry[0].messaging[0].recipient.id = spec.account;
  }
  return body;
}

export const signFor = (spec, rawBody) => signedHeaders(spec.platform, spec.signing, rawBody);
