// The dashboard's addresses (history routing; the server answers the app's page at each of them):
// pure, tested by calling it. The server's list of the same paths is APP_PATHS in
// src/http/dashboard/dashboard-routes.ts.

export type Route =
  | { screen: 'inbox'; conversationId: number | null }
  | { screen: 'login' }
  | { screen: 'users' }
  | { screen: 'channels' }
  | { screen: 'unknown'; path: string };

/** The screen an address shows; an address the dashboard does not know is `unknown`. */
export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { screen: 'inbox', conversationId: null };
  if (path === '/login') return { screen: 'login' };
  if (path === '/admin/users') return { screen: 'users' };
  if (path === '/admin/channels') return { screen: 'channels' };
  const conversation = /^\/conversations\/([1-9][0-9]{0,15})$/.exec(path);
  if (conversation?.[1]) {
    const id = Number(conversation[1]);
    if (Number.isSafeInteger(id)) return { screen: 'inbox', conversationId: id };
  }
  return { screen: 'unknown', path };
}

/** The address of a screen. */
export function routePath(route: Route): string {
  switch (route.screen) {
    case 'inbox':
      return route.conversationId === null ? '/' : `/conversations/${route.conversationId}`;
    case 'login':
      return '/login';
    case 'users':
      return '/admin/users';
    case 'channels':
      return '/admin/channels';
    case 'unknown':
      return route.path;
  }
}
