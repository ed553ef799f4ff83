// The child process of `startFakePlatformProcess`: the fake platform API, telling its parent its URL
// and, when asked, the requests it has recorded.
import { listenFakePlatformApi } from './fake-platform-api.js';

const api = await listenFakePlatformApi();
process.on('message', () => {
  process.send?.(api.requests.map(({ method, path, body, at }) => ({ method, path, body, at })));
});
process.on('disconnect', () => void api.close());
process.send?.({ url: api.url });
