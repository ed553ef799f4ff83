import type { ReplyRules } from '../../platform.js';

const MB = 1024 * 1024;

/**
 * Messenger's and Instagram's shared window: a free-form reply within 24 hours of the customer's
 * last message; after it, Meta's HUMAN_AGENT tag stretches it to 7 days for a person's reply.
 * Neither takes a caption on media, nor templates.
 */
const MESSAGING_RULES = {
  uncaptioned: [],
  templates: false,
  window: { kind: 'tag-after', hours: 24, tag: 'HUMAN_AGENT', taggedHours: 7 * 24 },
} as const;

/** Messenger: 2,000 characters of text; attachments its Send API takes up to 25 MB. */
export const MESSENGER_REPLY_RULES: ReplyRules = {
  ...MESSAGING_RULES,
  textLimit: 2000,
  uploadLimit: () => 25 * MB,
};

/** Instagram: 1,000 characters of text; media by URL only. */
export const INSTAGRAM_REPLY_RULES: ReplyRules = {
  ...MESSAGING_RULES,
  textLimit: 1000,
  uploadLimit: { refused: "Instagram's Send API takes media by URL only: send it as media.url" },
};
