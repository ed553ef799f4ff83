// The contact panel's links to the person's other conversations: browser code, appended to
// DASHBOARD_JS (client.ts), whose helpers (el, api, openId, openConversation) it uses.
// No backticks or dollar-brace inside, so this template literal holds the code verbatim.

export const CONTACT_PANEL_JS = `
/** The person's other conversations (its merged contacts' too), each a button that opens it. */
function otherConversations(contact) {
  const others = (contact?.conversationIds ?? []).filter((id) => id !== openId);
  if (others.length === 0) return [];
  const open = (id) => api('/conversations/' + id).then(openConversation).catch(console.error);
  const buttons = others.map((id) => {
    const button = el('button', { type: 'button', class: 'other-conversation', 'data-id': String(id) }, 'Conversation ' + id);
    button.addEventListener('click', () => open(id));
    return button;
  });
  return [el('dt', {}, 'Other conversations'), el('dd', {}, ...buttons)];
}
`;
