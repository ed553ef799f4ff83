import { useState } from 'preact/hooks';
import { jsonRequest, type Outcome, request } from '../api.js';
import type { Message, Note } from '../api-types.js';
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
  /** A private note as the API stored it: the thread shows it at once. */
  onNoted: (note: Note) => void;
}

type Mode = 'reply' | 'note';

/** Empties the text and the file, leaving the mode as chosen (a form reset would uncheck it). */
function clear(form: HTMLFormElement): void {
  (form.elements.namedItem('text') as HTMLTextAreaElement).value = '';
  const file = form.elements.namedItem('file') as HTMLInputElement | null;
  if (file) file.value = '';
}

/**
 * Sends the box's text, or its attached file, to the conversation; in note mode, stores the text as
 * a private note instead (never sent; no file). Refusals show the API's reason.
 * An agent typing is a person answering, so on Messenger and Instagram the reply carries Meta's
 * HUMAN_AGENT tag (used only once the 24-hour window has closed).
 */
export function ReplyBox({ conversationId, platform, onSent, onNoted }: ReplyBoxProps) {
  const [error, setError] = useState('');
  const [mode, setMode] = useState<Mode>('reply');
  const note = async (form: HTMLFormElement, text: string) => {
    const path = `/conversations/${conversationId}/notes`;
    const saved = await request<{ note: Note }>(path, jsonRequest('POST', { text }), STRINGS.reply.noteNotSaved);
    if (!saved.ok) return setError(saved.error);
    setError('');
    clear(form);
    onNoted(saved.answer.note);
  };
  const send = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const text = (form.elements.namedItem('text') as HTMLTextAreaElement).value;
    if (mode === 'note') return text.trim() === '' ? undefined : note(form, text);
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
    clear(form);
    onSent(sent.answer.message);
  };
  const noting = mode === 'note';
  return (
    <form id="reply" data-mode={mode} onSubmit={(event) => send(event).catch(console.error)}>
      <fieldset id="reply-mode" aria-label={STRINGS.reply.mode}>
        {(['reply', 'note'] as const).map((m) => (
          <label key={m}>
            <input
              type="radio"
              name="mode"
              value={m}
              checked={mode === m}
              onChange={() => {
                setMode(m);
                setError('');
              }}
            />{' '}
            {m === 'reply' ? STRINGS.reply.modeReply : STRINGS.reply.modeNote}
          </label>
        ))}
      </fieldset>
      <textarea
        name="text"
        rows={2}
        placeholder={noting ? STRINGS.reply.notePlaceholder : STRINGS.reply.placeholder}
        aria-label={noting ? STRINGS.reply.noteLabel : STRINGS.reply.label}
      />
      {noting ? null : <input type="file" name="file" aria-label={STRINGS.reply.attach} />}
      <button type="submit">{noting ? STRINGS.reply.addNote : STRINGS.reply.send}</button>
      <p id="reply-error" role="alert">
        {error}
      </p>
    </form>
  );
}
