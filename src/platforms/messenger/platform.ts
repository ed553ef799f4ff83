import { createMessagingPlatform } from '../meta/messaging/messaging-platform.js';
import { MESSENGER_REPLY_RULES } from '../meta/messaging/reply-rules.js';
import { extractMessenger } from './extract.js';

/** Messenger: a Page's conversations, with the Page access token. */
export const messenger = createMessagingPlatform({
  name: 'messenger',
  secretVariables: ['MESSENGER_APP_SECRET', 'MESSENGER_VERIFY_TOKEN'],
  tokenVariable: 'MESSENGER_PAGE_ACCESS_TOKEN',
  extract: (body) => extractMessenger(body),
  mediaHosts: ['*.fbcdn.net', '*.fbsbx.com'],
  replyRules: MESSENGER_REPLY_RULES,
});
