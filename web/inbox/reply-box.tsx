import { useState } from 'preact/hooks';
import { jsonRequest, request } from '../api.js';
import type { Message, ReplyWindow } from '../api-types.js';
import { STRINGS } from '../strings.js';
import { useCannedPicker } from './canned-picker.js';
import { TemplatePicker } from './template-picker.js';
import { type UploadProgress, uploadFile, uploadPercent } from './upload.js';

/** The reply's media for an uploaded file: of the kind its sniffed type shows (else a document), the text as caption. */
function mediaReply(upload: { id: number; mimeType: string }, text: string) {
  const type = ['image', 'audio', 'video'].find((kind) => upload.mimeType.startsWith(`${kind}/`)) ?? 'document';
  return { media: { type, upload: upload.id, ...(text.trim() === '' ? {} : { caption: text }) } };
}

interface ReplyBoxProps {
  conversationId: number;
  platform: string | null;
  /** The conversation's channel: a template reply offers its WABA's templates. */
  channelId: number | null;
  /** Null while the conversation loads. */
  replyWindow: ReplyWindow | null;
  /** The message as the API accepted it (queued): the thread shows it at once. */
  onSent: (message: Message) => void;
}

/** The file being uploaded, or last uploaded, and how far it got. */
interface ShownUpload extends UploadProgress {
  filename: string;
}

/**
 * Sends the box's text, or its attached file (its upload shown in a progress bar), to the
 * conversation; `/` and a shortcode pick a canned response. Once WhatsApp's 24-hour window has
 * closed, a template picker comes first: the text box stays, for the API to say why it refuses.
 * Refusals show the API's reason. An agent typing is a person answering, so on Messenger and
 * Instagram the reply carries Meta's HUMAN_AGENT tag (used only once the 24-hour window has closed).
 */
export function ReplyBox({ conversationId, platform, channelId, replyWindow, onSent }: ReplyBoxProps) {
  const [error, setError] = useState('');
  const [text, setText] = useState('');
  const [upload, setUpload] = useState<ShownUpload | null>(null);
  const picker = useCannedPicker(text, setText);

  const send = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0];
    if (text.trim() === '' && !file) return;
    let body: Record<string, unknown> = { text };
    if (file) {
      setUpload({ filename: file.name, loaded: 0, total: file.size });
      const uploaded = await uploadFile(file, (progress) => setUpload({ filename: file.name, ...progress }));
      if (!uploaded.ok) return setError(uploaded.error);
      body = mediaReply(uploaded.answer, text);
    }
    if (platform === 'messenger' || platform === 'instagram') body.tag = 'HUMAN_AGENT';
    const path = `/conversations/${conversationId}/messages`;
    const sent = await request<{ message: Message }>(path, jsonRequest('POST', body), STRINGS.reply.notSent);
    if (!sent.ok) return setError(sent.error);
    setError('');
    setText('');
    form.reset();
    onSent(sent.answer.message);
  };

  const templatesOnly = replyWindow !== null && !replyWindow.open && replyWindow.whenClosed === 'template';
  const percent = upload ? uploadPercent(upload) : 0;
  return (
    <>
      {templatesOnly ? <TemplatePicker conversationId={conversationId} channelId={channelId} onSent={onSent} /> : null}
      <form id="reply" onSubmit={(event) => send(event).catch(console.error)}>
        <div class="reply-text">
          <textarea
            name="text"
            rows={2}
            placeholder={STRINGS.reply.placeholder}
            aria-label={STRINGS.reply.label}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
            onKeyDown={(event) => picker.onKeyDown(event)}
            {...picker.aria}
          />
          {picker.list}
        </div>
        <input type="file" name="file" aria-label={STRINGS.reply.attach} onChange={() => setUpload(null)} />
        <button type="submit">{STRINGS.reply.send}</button>
        {upload ? (
          <div id="upload">
            <label for="upload-progress">
              {percent === 100 ? STRINGS.reply.uploaded(upload.filename) : STRINGS.reply.uploading(upload.filename)}
            </label>
            <progress id="upload-progress" max={100} value={percent}>
              {percent}%
            </progress>
          </div>
        ) : null}
        <p id="reply-error" role="alert">
          {error}
        </p>
      </form>
    </>
  );
}
