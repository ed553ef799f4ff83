// The dashboard's reply box, appended to the dashboard module (client.ts), whose helpers ($, el,
// answerOrShowError, messageItem, openId, openPlatform) it uses. Same rules: no backticks or dollar-brace inside.

export const REPLY_BOX_JS = String.raw`
/**
 * Uploads a file attached in the reply box (its bytes as the body; X-Requested-With stands in for
 * JSON in the cookie's CSRF check) and answers the reply's media naming it, of the kind its sniffed
 * type shows (else a document), with the text as its caption. Null when refused, the reason shown.
 */
async function attachedMedia(file, text) {
  const response = await fetch('/api/uploads?filename=' + encodeURIComponent(file.name), {
    method: 'POST', headers: { 'content-type': file.type || 'application/octet-stream', 'x-requested-with': 'omni-dashboard' }, body: file,
  });
  const answer = await answerOrShowError(response, 'Not uploaded', $('reply-error'));
  if (!answer) return null;
  const type = ['image', 'audio', 'video'].find((kind) => answer.mimeType.startsWith(kind + '/')) ?? 'document';
  return { media: { type, upload: answer.id, ...(text.trim() === '' ? {} : { caption: text }) } };
}

/**
 * Sends the reply box's text, or its attached file, to the open conversation. The message shows at
 * once, queued; its tick then follows the live events. An agent typing is a person answering, so on
 * Messenger and Instagram the reply carries Meta's HUMAN_AGENT tag (used only once the 24-hour
 * window has closed).
 */
async function sendReply(event) {
  event.preventDefault();
  const form = event.target;
  const text = form.elements.text.value;
  const file = form.elements.file.files[0];
  if (openId === null || (text.trim() === '' && !file)) return;
  const body = file ? await attachedMedia(file, text) : { text };
  if (!body) return;
  if (openPlatform === 'messenger' || openPlatform === 'instagram') body.tag = 'HUMAN_AGENT';
  const response = await fetch('/api/conversations/' + openId + '/messages', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const answer = await answerOrShowError(response, 'Not sent', $('reply-error'));
  if (!answer) return;
  $('reply-error').textContent = '';
  form.reset();
  if (!document.querySelector('.message[data-id="' + answer.message.id + '"]')) $('messages').append(messageItem(answer.message));
  $('messages').lastElementChild?.scrollIntoView({ block: 'end' });
}

$('reply').addEventListener('submit', (event) => sendReply(event).catch(console.error));
`;
