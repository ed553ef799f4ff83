import type { Me } from './api-types.js';
import { navigate } from './navigation.js';
import { ADMIN_SCREENS, isAdminScreen, type Route } from './router.js';
import { STRINGS } from './strings.js';

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
          {ADMIN_SCREENS.map((admin) => (
            <button
              key={admin}
              id={`show-${admin}`}
              type="button"
              aria-pressed={screen === admin}
              onClick={() => navigate(`/admin/${admin}`)}
            >
              {STRINGS.screens[admin]}
            </button>
          ))}
        </div>
      )}
      <span id="whoami">{STRINGS.whoami(me.agent?.name ?? '', me.role)}</span>
    </header>
  );
}
