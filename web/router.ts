// The dashboard's addresses (history routing; the server answers the app's page at each of them):
// pure, tested by calling it. The server's list of the same paths is APP_PATHS in
// src/http/dashboard/dashboard-routes.ts.

export type Route =
  | { screen: 'inbox'; conversationId: number | null }
  | { screen: 'login' }
  | { screen: 'users' }
  | { screen: 'channels' }
  | { screen: 'tokens' }
  | { screen: 'endpoints' }
  | { screen: 'unknown'; path: string };

/** The admin screens, each at `/admin/<screen>`, in the order the top bar offers them. */
export const ADMIN_SCREENS = ['users', 'channels', 'tokens', 'endpoints'] as const satisfies readonly Route['screen'][];
export type AdminScreen = (typeof ADMIN_SCREENS)[number];

export function isAdminScreen(screen: Route['screen']): screen is AdminScreen {
  return (ADMIN_SCREENS as readonly string[]).includes(screen);
}

/** The screen an address shows; an address the dashboard does not know is `unknown`. */
export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { screen: 'inbox', conversationId: null };
  if (path === '/login') return { screen: 'login' };
  const admin = ADMIN_SCREENS.find((screen) => path === `/admin/${screen}`);
  if (admin) return { screen: admin };
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
    case 'channels':
    case 'tokens':
    case 'endpoints':
      return `/admin/${route.screen}`;
    case 'unknown':
      return route.path;
  }
}
