import t from 'tap';
import { isOmniError } from '../../src/errors.js';
import type { PlatformName, ReplyContent } from '../../src/platforms/types.js';
import { checkReplyRules } from '../../src/replies/reply-rules.js';

const MB = 1024 * 1024;
const justNow = new Date();

/** The code a reply with an uploaded file of this size gets, or 'ok'. */
function verdict(platform: PlatformName, mediaType: 'image' | 'audio' | 'video' | 'document', size: number): string {
  const content: ReplyContent = {
    kind: 'media',
    mediaType,
    upload: { id: 1, storageKey: 'sha256/x', mimeType: 'application/octet-stream', size },
  };
  try {
    checkReplyRules(platform, { content }, justNow);
    return 'ok';
  } catch (error) {
    if (isOmniError(error)) return error.code;
    throw error;
  }
}

t.test("an uploaded file is held to its platform's size limit when the reply is asked for", async (t) => {
  t.test('WhatsApp by kind: images 5 MB, audio and video 16 MB, documents 100 MB', async (t) => {
    for (const [mediaType, limit] of [
      ['image', 5 * MB],
      ['audio', 16 * MB],
      ['video', 16 * MB],
      ['document', 100 * MB],
    ] as const) {
      t.equal(verdict('whatsapp', mediaType, limit), 'ok', `${mediaType} at the limit`);
      t.equal(verdict('whatsapp', mediaType, limit + 1), 'OMNI_ERR_REPLY_FILE_TOO_LARGE', `${mediaType} one byte over`);
    }
  });

  t.test('Messenger takes attachments up to 25 MB, Telegram bot uploads up to 50 MB', async (t) => {
    t.equal(verdict('messenger', 'video', 25 * MB), 'ok');
    t.equal(verdict('messenger', 'video', 25 * MB + 1), 'OMNI_ERR_REPLY_FILE_TOO_LARGE');
    t.equal(verdict('telegram', 'document', 50 * MB), 'ok');
    t.equal(verdict('telegram', 'document', 50 * MB + 1), 'OMNI_ERR_REPLY_FILE_TOO_LARGE');
  });

  t.test('Instagram takes no uploaded file at all, however small', async (t) => {
    t.equal(verdict('instagram', 'image', 100), 'OMNI_ERR_REPLY_INSTAGRAM_NEEDS_URL');
  });
});
