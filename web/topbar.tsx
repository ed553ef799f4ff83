import type { Me } from './api-types.js';
import { navigate } from './navigation.js';
import type { Route } from './router.js';
import { STRINGS } from './strings.js';

/** The screens only admins are shown, each with its topbar button. */
const ADMIN_SCREENS = [
  { screen: 'users', path: '/admin/users', label: STRINGS.screens.users },
  { screen: 'channels', path: '/admin/channels', label: STRINGS.screens.channels },
] as const satisfies readonly { screen: Route['screen']; path: string; label: string }[];

/** Whether a screen is one of the admin's. */
export function isAdminScreen(screen: Route['screen']): boolean {
  return ADMIN_SCREENS.some((s) => s.screen === screen);
}

/** The header: the screens an admin can switch between, and who is logged in with which role. */
export function Topbar({ me, screen }: { me: Me; screen: Route['screen'] }) {
  return (
    <header id="topbar">
      <h1 id="app-name">{STRINGS.appName}</h1>
      {me.role === 'admin' && (
        <div id="screens">
          <button id="show-inbox" type="button" aria-pressed={!isAdminScreen(screen)} onClick={() => navigate('/')}>
            {STRINGS.screens.inbox}
          </button>
          {ADMIN_SCREENS.map((s) => (
            <button
              key={s.screen}
              id={`show-${s.screen}`}
              type="button"
              aria-pressed={screen === s.screen}
              onClick={() => navigate(s.path)}
            >
              {s.label}
            </button>
          ))}
        </div>
      )}
      <span id="whoami">{STRINGS.whoami(me.agent?.name ?? '', me.role)}</span>
    </header>
  );
}
