import type { AccountCheck, PlatformApis } from '../platform.js';
import type { ChannelSecrets, PlatformName } from '../types.js';
import { getGraph, graphString } from './graph-get.js';

const noToken = (variable: string): AccountCheck => ({
  ok: false,
  problems: [`no access token (for the environment's default channel: set ${variable})`],
  details: {},
});

/**
 * Asks Graph whether a WhatsApp token can use its phone number: `GET /{phone-number-id}`, whose
 * display number and verified name are shown. The environment's `default` channel holds no number
 * (it takes every number no channel holds): its token is checked alone, by whom Graph says it
 * belongs to (`GET /me`, the system user), and the answer says no number is pinned.
 */
export async function checkWhatsAppAccount(
  secrets: ChannelSecrets,
  accountId: string | null,
  apis: PlatformApis,
): Promise<AccountCheck> {
  if (!secrets.accessToken) return noToken('WHATSAPP_ACCESS_TOKEN');
  if (!accountId) {
    const answer = await getGraph(apis, secrets.accessToken, 'me', ['id', 'name'], 'Graph GET /me');
    if (!answer.ok) return { ok: false, problems: [answer.problem], details: {} };
    const id = graphString(answer.body, 'id');
    const name = graphString(answer.body, 'name');
    const details: Record<string, string> = {
      ...(id ? { tokenOwnerId: id } : {}),
      ...(name ? { tokenOwner: name } : {}),
      phoneNumber: 'not pinned: the token was checked alone (this channel takes every number no channel holds)',
    };
    return { ok: true, problems: [], details };
  }
  const answer = await getGraph(
    apis,
    secrets.accessToken,
    encodeURIComponent(accountId),
    ['display_phone_number', 'verified_name'],
    `Graph GET /${accountId}`,
  );
  if (!answer.ok) return { ok: false, problems: [answer.problem], details: {} };
  const details: Record<string, string> = {};
  const number = graphString(answer.body, 'display_phone_number');
  const name = graphString(answer.body, 'verified_name');
  if (number) details.displayPhoneNumber = number;
  if (name) details.verifiedName = name;
  return { ok: true, problems: [], details };
}

/**
 * Asks Graph whom a Page or Instagram token belongs to (`GET /me`), and whether that is the
 * channel's account: a token of another Page would send from the wrong one.
 */
export async function checkMessagingAccount(
  platform: Extract<PlatformName, 'messenger' | 'instagram'>,
  secrets: ChannelSecrets,
  accountId: string | null,
  apis: PlatformApis,
): Promise<AccountCheck> {
  if (!secrets.accessToken)
    return noToken(platform === 'messenger' ? 'MESSENGER_PAGE_ACCESS_TOKEN' : 'INSTAGRAM_ACCESS_TOKEN');
  const nameField = platform === 'messenger' ? 'name' : 'username';
  const answer = await getGraph(apis, secrets.accessToken, 'me', ['id', nameField], 'Graph GET /me');
  if (!answer.ok) return { ok: false, problems: [answer.problem], details: {} };
  const id = graphString(answer.body, 'id');
  const name = graphString(answer.body, nameField);
  const details: Record<string, string> = { ...(id ? { id } : {}), ...(name ? { [nameField]: name } : {}) };
  if (accountId && id !== accountId)
    return { ok: false, problems: [`the token belongs to ${id ?? 'an unnamed account'}, not ${accountId}`], details };
  return { ok: true, problems: [], details };
}
