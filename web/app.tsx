import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ChannelsScreen } from './admin/channels-screen.js';
import { EndpointsScreen } from './admin/endpoints-screen.js';
import { TokensScreen } from './admin/tokens-screen.js';
import { UsersScreen } from './admin/users-screen.js';
import { api, whenLoggedOut } from './api.js';
import type { Me } from './api-types.js';
import { Inbox } from './inbox/inbox.js';
import { Login } from './login.js';
import { navigate, useRoute } from './navigation.js';
import { type AdminScreen, isAdminScreen } from './router.js';
import { Topbar } from './topbar.js';

const ADMIN_SCREEN_VIEWS: Record<AdminScreen, ComponentType> = {
  users: UsersScreen,
  channels: ChannelsScreen,
  tokens: TokensScreen,
  endpoints: EndpointsScreen,
};

/** Where to go once logged in: the address the agent opened before the login took its place. */
let afterLogin = '/';

/**
 * The dashboard: who is logged in decides between the login and the screens; the address decides
 * the screen. A 401 from any call ends the session here, and the login keeps the address to return to.
 */
export function App() {
  const route = useRoute();
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  useEffect(() => {
    whenLoggedOut(() => setMe(null));
    api<Me>('/me')
      .then(setMe)
      .catch(() => setMe(null));
  }, []);

  useEffect(() => {
    if (me === null && route.screen !== 'login') {
      afterLogin = location.pathname;
      navigate('/login', { replace: true });
    } else if (me && (route.screen === 'login' || route.screen === 'unknown')) {
      navigate(afterLogin, { replace: true });
      afterLogin = '/';
    } else if (me && isAdminScreen(route.screen) && me.role !== 'admin') {
      // The API refuses an agent the admin screens anyway (403); this spares it a screen of refusals.
      navigate('/', { replace: true });
    }
  }, [me, route.screen]);

  if (me === undefined) return null;
  if (me === null) return <Login onLoggedIn={setMe} />;
  const AdminView = isAdminScreen(route.screen) && me.role === 'admin' ? ADMIN_SCREEN_VIEWS[route.screen] : null;
  return (
    <>
      <Topbar me={me} screen={route.screen} />
      {AdminView ? (
        <AdminView key={route.screen} />
      ) : (
        <Inbox me={me} openId={route.screen === 'inbox' ? route.conversationId : null} />
      )}
    </>
  );
}
