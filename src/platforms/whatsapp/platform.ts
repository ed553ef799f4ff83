import { createMetaPlatform } from '../meta/meta-platform.js';
import { metaChannelShape } from '../meta/channel-shape.js';
import { checkWhatsAppAccount } from '../meta/check-account.js';
import { graphTarget } from '../meta/graph-target.js';
import type { ReplyRules } from '../platform.js';
import { extractWhatsApp } from './extract.js';
import { resolveWhatsAppMedia } from './media-source.js';
import { createWhatsAppSender } from './send.js';
import { checkWhatsAppTemplate } from './template-check.js';
import { listWhatsAppTemplates } from './templates.js';

const MB = 1024 * 1024;

/** WhatsApp's own upload limits per kind: nothing larger can be a genuine WhatsApp attachment. */
export const WHATSAPP_MEDIA_LIMITS: Readonly<Record<string, number>> = {
  image: 5 * MB,
  audio: 16 * MB,
  voice: 16 * MB,
  video: 16 * MB,
  document: 100 * MB,
  sticker: 500 * 1024,
};

/**
 * 4,096 characters of text, 1,024 of caption (none on audio), templates (checked against the
 * stored ones), uploads within the
 * kind's limit; more than 24 hours after the customer's last message, only a template.
 */
const WHATSAPP_REPLY_RULES: ReplyRules = {
  textLimit: 4096,
  captionLimit: 1024,
  uncaptioned: ['audio'],
  templates: { check: checkWhatsAppTemplate },
  uploadLimit: (mediaType) => WHATSAPP_MEDIA_LIMITS[mediaType],
  window: { kind: 'templates-after', hours: 24 },
};

/** The WhatsApp Cloud API: Meta-signed webhooks, the phone number's token for sends, media ids resolved through Graph. */
export const whatsapp = createMetaPlatform({
  name: 'whatsapp',
  channel: metaChannelShape(
    { name: 'phoneNumberId', flag: '--phone-number-id', value: '<id>', description: 'the phone_number_id' },
    {
      secretVariables: ['WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'],
      tokenVariable: 'WHATSAPP_ACCESS_TOKEN',
      sendsPerSecondVariable: 'WHATSAPP_SENDS_PER_SECOND',
    },
    [{ name: 'wabaId', flag: '--waba-id', value: '<id>', description: 'the WhatsApp Business Account id' }],
  ),
  extract: (body) => extractWhatsApp(body),
  createSender: (secrets, apis) => {
    const target = graphTarget(secrets, apis);
    return target && createWhatsAppSender(target);
  },
  resolveMedia: resolveWhatsAppMedia,
  mediaLimits: WHATSAPP_MEDIA_LIMITS,
  mediaHosts: ['graph.facebook.com', 'lookaside.fbsbx.com', '*.fbsbx.com'],
  replyRules: WHATSAPP_REPLY_RULES,
  check: checkWhatsAppAccount,
  listTemplates: listWhatsAppTemplates,
});
