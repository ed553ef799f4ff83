import { useState } from 'preact/hooks';
import { jsonRequest, request } from '../api.js';
import type { Message, Note, ReplyWindow } from '../api-types.js';
import { STRINGS } from '../strings.js';
import { useCannedPicker } from './canned-picker.js';
import { TemplatePicker } from './template-picker.js';
import { type UploadProgress, uploadFile, uploadPercent } from './upload.js';
import { useOneAtATime } from './use-one-at-a-time.js';

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
  /** A private note as the API stored it: the thread shows it at once. */
  onNoted: (note: Note) => void;
}

type Mode = 'reply' | 'note';

/** The file being uploaded, or last uploaded, and how far it got. */
interface ShownUpload extends UploadProgress {
  filename: string;
}

/**
 * Sends the box's text, or its attached file (its upload shown in a progress bar), to the
 * conversation; in note mode, stores the text as a private note instead (never sent; no file).
 * `/` and a shortcode pick a canned response. Once WhatsApp's 24-hour window has closed, a template
 * picker comes first: the text box stays, for the API to say why it refuses. Refusals show the API's
 * reason. An agent typing is a person answering, so on Messenger and Instagram the reply carries
 * Meta's HUMAN_AGENT tag (used only once the 24-hour window has closed).
 */
export function ReplyBox({ conversationId, platform, channelId, replyWindow, onSent, onNoted }: ReplyBoxProps) {
  const [error, setError] = useState('');
  const [mode, setMode] = useState<Mode>('reply');
  const [text, setText] = useState('');
  const [upload, setUpload] = useState<ShownUpload | null>(null);
  const sending = useOneAtATime();
  const picker = useCannedPicker(text, setText);
  /** Empties the text and the file, leaving the mode as chosen (a form reset would uncheck it). */
  const clear = (form: HTMLFormElement) => {
    setText('');
    const file = form.elements.namedItem('file') as HTMLInputElement | null;
    if (file) file.value = '';
  };
  const note = async (form: HTMLFormElement) => {
    const path = `/conversations/${conversationId}/notes`;
    const saved = await request<{ note: Note }>(path, jsonRequest('POST', { text }), STRINGS.reply.noteNotSaved);
    if (!saved.ok) return setError(saved.error);
    setError('');
    clear(form);
    onNoted(saved.answer.note);
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    return sending.run(() => send(form));
  };
  const send = async (form: HTMLFormElement) => {
    if (mode === 'note') return text.trim() === '' ? undefined : note(form);
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
    clear(form);
    onSent(sent.answer.message);
  };

  const noting = mode === 'note';
  const templatesOnly = replyWindow !== null && !replyWindow.open && replyWindow.whenClosed === 'template';
  const percent = upload ? uploadPercent(upload) : 0;
  return (
    <>
      {templatesOnly && !noting ? (
        <TemplatePicker conversationId={conversationId} channelId={channelId} onSent={onSent} />
      ) : null}
      <form id="reply" data-mode={mode} onSubmit={(event) => submit(event).catch(console.error)}>
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
        <div class="reply-text">
          <textarea
            name="text"
            rows={2}
            placeholder={noting ? STRINGS.reply.notePlaceholder : STRINGS.reply.placeholder}
            aria-label={noting ? STRINGS.reply.noteLabel : STRINGS.reply.label}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
            onKeyDown={(event) => picker.onKeyDown(event)}
            {...picker.aria}
          />
          {picker.list}
        </div>
        {noting ? null : (
          <input type="file" name="file" aria-label={STRINGS.reply.attach} onChange={() => setUpload(null)} />
        )}
        <button type="submit" disabled={sending.busy}>
          {noting ? STRINGS.reply.addNote : STRINGS.reply.send}
        </button>
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
