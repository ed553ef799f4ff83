// The dashboard's one page: the same shell at every address the app routes (web/router.ts), naming
// the hashed bundle the build wrote. Everything on screen is drawn by that script.

/** The page that loads the bundle `script` and `style` (file names under /assets/). */
export function dashboardHtml(assets: { script: string; style: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light dark">
  <title>Omni</title>
  <link rel="stylesheet" href="/assets/${assets.style}">
  <script type="module" src="/assets/${assets.script}"></script>
</head>
<body>
  <div id="app"></div>
</body>
</html>
`;
}

/** What the page says when the bundle is missing: the server runs, but nobody built the dashboard. */
export const NOT_BUILT_TEXT = 'The dashboard is not built here: run `npm run build`, which writes dist/web/.\n';
