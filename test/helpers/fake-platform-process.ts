import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';
import type { RecordedRequest } from './fake-platform-api.js';

/** A request as the fake in its own process recorded it (no headers; files as JSON). */
export type ArrivedRequest = Pick<RecordedRequest, 'method' | 'path' | 'body' | 'at'>;

/**
 * The fake platform API (`startFakePlatformApi`'s answers) in a process of its own, so the time it
 * records a request's arrival is not held up by the event loop of the workers that send it, as no
 * real platform's is. `requests` asks it for what it has recorded so far. Killed at teardown.
 */
export async function startFakePlatformProcess(
  t: Test,
): Promise<{ url: string; requests(): Promise<ArrivedRequest[]> }> {
  // Forked with this process's flags, so the child runs TypeScript the same way.
  const child = fork(fileURLToPath(new URL('./fake-platform-process-main.ts', import.meta.url)));
  t.teardown(() => void child.kill());
  const [{ url }] = (await once(child, 'message')) as [{ url: string }];
  return {
    url,
    async requests() {
      const answer = once(child, 'message');
      child.send('requests');
      return ((await answer) as [ArrivedRequest[]])[0];
    },
  };
}
