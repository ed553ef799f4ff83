import { useState } from 'preact/hooks';
import { jsonRequest, type Outcome, request } from '../api.js';
import type { Message } from '../api-types.js';
import { STRINGS } from '../strings.js';

/** The reply's media for an uploaded file: of the kind its sniffed type shows (else a document), the text as caption. */
function mediaReply(upload: { id: number; mimeType: string }, text: string) {
  const type = ['image', 'audio', 'video'].find((kind) => upload.mimeType.startsWith(`${kind}/`)) ?? 'document';
  return { media: { type, upload: upload.id, ...(text.trim() === '' ? {} : { caption: text }) } };
}

/**
 * Uploads a file attached in the reply box: its bytes as the body; X-Requested-With stands in for
 * JSON in the cookie's CSRF check.
 */
function upload(file: File): Promise<Outcome<{ id: number; mimeType: string }>> {
  const init = {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream', 'x-requested-with': 'omni-dashboard' },
    body: file,
  };
  return request(`/uploads?filename=${encodeURIComponent(file.name)}`, init, STRINGS.reply.notUploaded);
}

interface ReplyBoxProps {
  conversationId: number;
  platform: string | null;
  /** The message as the API accepted it (queued): the thread shows it at once. */
  onSent: (message: Message) => void;
}

/**
 * Sends the box's text, or its attached file, to the conversation. Refusals show the API's reason.
 * An agent typing is a person answering, so on Messenger and Instagram the reply carries Meta's
 * HUMAN_AGENT tag (used only once the 24-hour window has closed).
 */
export function ReplyBox({ conversationId, platform, onSent }: ReplyBoxProps) {
  const [error, setError] = useState('');
  const send = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const text = (form.elements.namedItem('text') as HTMLTextAreaElement).value;
    const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0];
    if (text.trim() === '' && !file) return;
    let body: Record<string, unknown> = { text };
    if (file) {
      const uploaded = await upload(file);
      if (!uploaded.ok) return setError(uploaded.error);
      body = mediaReply(uploaded.answer, text);
    }
    if (platform === 'messenger' || platform === 'instagram') body.tag = 'HUMAN_AGENT';
    const path = `/conversations/${conversationId}/messages`;
    const sent = await request<{ message: Message }>(path, jsonRequest('POST', body), STRINGS.reply.notSent);
    if (!sent.ok) return setError(sent.error);
    setError('');
    form.reset();
    onSent(sent.answer.message);
  };
  return (
    <form id="reply" onSubmit={(event) => send(event).catch(console.error)}>
      <textarea name="text" rows={2} placeholder={STRINGS.reply.placeholder} aria-label={STRINGS.reply.label} />
      <input type="file" name="file" aria-label={STRINGS.reply.attach} />
      <button type="submit">{STRINGS.reply.send}</button>
      <p id="reply-error" role="alert">
        {error}
      </p>
    </form>
  );
}
