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
  <main id="inbox" hidden>
    <nav>
      <h2>Conversations <span id="live" title="live updates">●</span></h2>
      <p id="empty">No conversations yet.</p>
      <ul id="conversations"></ul>
    </nav>
    <section>
      <h2 id="conversation-title">Select a conversation</h2>
      <ol id="messages"></ol>
    </section>
  </main>
</body>
</html>
`;

export const DASHBOARD_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #1f2328; background: #f6f8fa; }
[hidden] { display: none !important; }
#login { max-width: 320px; margin: 10vh auto; padding: 24px; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; }
#login label { display: block; margin-bottom: 12px; }
#login input { display: block; width: 100%; padding: 6px; margin-top: 4px; }
#login-error { color: #cf222e; min-height: 1.4em; }
#inbox { display: grid; grid-template-columns: 300px 1fr; height: 100vh; }
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
`;
