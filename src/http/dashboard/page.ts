// The dashboard's HTML and CSS, kept as TypeScript strings so that tsc, the webpack Lambda bundle
// and the test run (from src/) all carry them with no copy step and no file read at runtime.

/** The page shell: both views are in the markup; `dashboard.js` shows one and fills the other. */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Omni</title>
  <link rel="stylesheet" href="/dashboard.css">
  <script type="module" src="/dashboard.js"></script>
</head>
<body>
  <form id="login" hidden>
    <h1>Omni</h1>
    <label>Email <input name="email" type="email" autocomplete="username" required></label>
    <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit">Log in</button>
    <p id="login-error" role="alert"></p>
  </form>
  <header id="topbar" hidden>
    <strong>Omni</strong>
    <div id="screens" hidden>
      <button id="show-inbox" type="button" aria-pressed="true">Inbox</button>
      <button id="show-users" type="button" aria-pressed="false">Users</button>
    </div>
    <span id="whoami"></span>
  </header>
  <main id="inbox" hidden>
    <nav>
      <h2>Conversations <span id="live" title="live updates">●</span></h2>
      <form id="filters" role="search">
        <input id="search" name="q" type="search" placeholder="Search names and messages" aria-label="Search names and messages">
        <select id="status" name="status" aria-label="Status">
          <option value="open">Open</option><option value="closed">Closed</option><option value="">All</option>
        </select>
        <select id="channel" name="channel" aria-label="Channel"><option value="">All channels</option></select>
        <label><input id="unread-only" name="unread" type="checkbox"> Unread</label>
      </form>
      <p id="empty">No conversations yet.</p>
      <ul id="conversations"></ul>
    </nav>
    <section>
      <header id="thread-header">
        <button id="back" type="button" aria-label="Back to the conversations">←</button>
        <h2 id="conversation-title">Select a conversation</h2>
        <div id="thread-actions" hidden>
          <span id="assignee"></span>
          <button id="assign-me" type="button">Assign to me</button>
          <button id="close" type="button">Close</button>
          <button id="reopen" type="button">Reopen</button>
          <button id="show-contact" type="button" aria-expanded="false">Contact</button>
        </div>
      </header>
      <div id="thread">
        <ol id="messages"></ol>
        <aside id="contact" hidden><h3>Contact</h3><dl id="contact-details"></dl></aside>
      </div>
      <form id="reply" hidden>
        <textarea name="text" rows="2" placeholder="Write a reply" aria-label="Reply"></textarea>
        <input type="file" name="file" aria-label="Attach a file">
        <button type="submit">Send</button>
        <p id="reply-error" role="alert"></p>
      </form>
    </section>
  </main>
  <main id="users" hidden>
    <h2>Users</h2>
    <p id="users-note" role="status"></p>
    <p id="users-error" role="alert"></p>
    <table>
      <thead><tr><th>Email</th><th>Name</th><th>Role</th><th>Channels</th><th>Status</th><th></th></tr></thead>
      <tbody id="user-rows"></tbody>
    </table>
    <form id="add-user">
      <h3>Add a user</h3>
      <label>Email <input name="email" type="email" autocomplete="off" required></label>
      <label>Name <input name="name" autocomplete="off" required></label>
      <label>Role <select name="role"></select></label>
      <label>Password <input name="password" type="password" autocomplete="new-password" required></label>
      <fieldset id="add-user-channels"><legend>Channels</legend></fieldset>
      <button type="submit">Add user</button>
    </form>
  </main>
</body>
</html>
`;

export const DASHBOARD_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #1f2328; background: #f6f8fa;
  display: flex; flex-direction: column; height: 100vh; }
[hidden] { display: none !important; }
#login { max-width: 320px; margin: 10vh auto; padding: 24px; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; }
#login label { display: block; margin-bottom: 12px; }
#login input { display: block; width: 100%; padding: 6px; margin-top: 4px; }
#login-error { color: #cf222e; min-height: 1.4em; }
#topbar { display: flex; align-items: center; gap: 12px; padding: 6px 16px; background: #24292f; color: #fff; }
#screens { display: flex; gap: 4px; }
#screens button { padding: 4px 10px; font: inherit; color: #fff; background: none; border: 1px solid #57606a; border-radius: 6px; cursor: pointer; }
#screens button[aria-pressed="true"] { background: #57606a; }
#whoami { margin-left: auto; color: #d0d7de; font-size: 12px; }
#inbox { display: grid; grid-template-columns: 300px 1fr; flex: 1; min-height: 0; }
#users { flex: 1; overflow-y: auto; padding: 0 16px 16px; background: #fff; }
#users h2 { padding-left: 0; }
#users table { border-collapse: collapse; width: 100%; }
#users th, #users td { padding: 6px 8px; border-bottom: 1px solid #eaeef2; text-align: left; vertical-align: top; }
#users tr.disabled td { color: #656d76; }
#users td button { margin: 0 4px 4px 0; font: inherit; cursor: pointer; }
.choices { display: flex; flex-wrap: wrap; gap: 2px 12px; }
.choice { white-space: nowrap; }
#users-error { color: #cf222e; }
#users-note:empty, #users-error:empty { display: none; }
#add-user { display: flex; flex-wrap: wrap; align-items: end; gap: 8px 12px; margin-top: 16px; max-width: 900px; }
#add-user h3 { flex: 1 1 100%; margin: 0; font-size: 14px; }
#add-user > label { display: flex; flex-direction: column; gap: 2px; }
#add-user input, #add-user select { padding: 4px; font: inherit; }
#add-user fieldset { display: flex; flex-wrap: wrap; gap: 2px 12px; border: 1px solid #d0d7de; border-radius: 6px; }
nav { border-right: 1px solid #d0d7de; background: #fff; overflow-y: auto; }
h2 { margin: 0; padding: 12px 16px; font-size: 16px; border-bottom: 1px solid #d0d7de; }
#live { color: #cf222e; font-size: 12px; }
[data-live="true"] #live { color: #1a7f37; }
#empty { padding: 0 16px; color: #656d76; }
#conversations { list-style: none; margin: 0; padding: 0; }
.conversation { display: grid; grid-template-columns: 1fr auto; gap: 2px 8px; width: 100%; padding: 10px 16px;
  border: 0; border-bottom: 1px solid #eaeef2; background: none; text-align: left; font: inherit; cursor: pointer; }
.conversation:hover, .conversation[aria-current="true"] { background: #ddf4ff; }
.contact { font-weight: 600; }
.conversation.unread .contact::after { content: " ●"; color: #0969da; }
.platform, .time { color: #656d76; font-size: 12px; }
section { display: flex; flex-direction: column; overflow: hidden; }
#filters { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 8px 16px; border-bottom: 1px solid #d0d7de; }
#search { flex: 1 1 100%; padding: 6px; font: inherit; }
#thread-header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; border-bottom: 1px solid #d0d7de; background: #fff; }
#thread-header h2 { border: 0; flex: 1; }
#thread-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 0 16px 8px; }
#thread-header button { padding: 4px 10px; font: inherit; cursor: pointer; }
#assignee { color: #656d76; font-size: 12px; }
#back { display: none; margin-left: 8px; }
#thread { display: flex; flex: 1; overflow: hidden; }
#contact { width: 260px; padding: 12px 16px; border-left: 1px solid #d0d7de; background: #fff; overflow-y: auto; }
#contact h3 { margin: 0 0 8px; font-size: 14px; }
#contact dt { color: #656d76; font-size: 12px; }
#contact dd { margin: 0 0 8px; overflow-wrap: anywhere; }
#contact .other-conversation { margin: 0 4px 4px 0; }
.closed .platform::after { content: " · closed"; }
#messages { list-style: none; margin: 0; padding: 16px; overflow-y: auto; flex: 1; }
.message { max-width: 70%; margin-bottom: 8px; padding: 8px 12px; border-radius: 8px; background: #fff; border: 1px solid #d0d7de; }
.message.outbound { margin-left: auto; background: #dafbe1; }
.message .meta { display: block; margin-top: 4px; color: #656d76; font-size: 12px; text-align: right; }
.media { font-style: italic; color: #57606a; }
.attachment { display: block; max-width: 100%; margin-bottom: 4px; }
img.attachment { max-height: 320px; border-radius: 4px; }
.attachment.failed { color: #cf222e; font-style: normal; }
.reaction { font-size: 22px; }
.tick { margin-left: 6px; letter-spacing: -3px; color: #656d76; }
.tick.read, .tick.played { color: #0969da; }
.tick.failed { color: #cf222e; letter-spacing: 0; }
.tick.queued { letter-spacing: 0; }
#reply { display: grid; grid-template-columns: 1fr auto auto; gap: 8px; padding: 12px 16px; border-top: 1px solid #d0d7de; background: #fff; }
#reply textarea { font: inherit; padding: 6px; resize: vertical; }
#reply input[type=file] { align-self: center; max-width: 200px; }
#reply-error { grid-column: 1 / -1; margin: 0; color: #cf222e; }
#reply-error:empty { display: none; }
/* Phone widths: one pane at a time, the list or the open conversation (with a back button). */
@media (max-width: 700px) {
  #inbox { grid-template-columns: 1fr; }
  #inbox[data-view="thread"] nav, #inbox:not([data-view="thread"]) section { display: none; }
  #back { display: inline-block; }
  #thread { flex-direction: column; }
  #contact { width: auto; border-left: 0; border-bottom: 1px solid #d0d7de; order: -1; }
  .message { max-width: 90%; }
}
`;
