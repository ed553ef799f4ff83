import { spawn } from 'node:child_process';
import t from 'tap';
import { stopWorker } from '../../src/processor/worker.js';
import { startFakePlatformProcess } from '../helpers/fake-platform-process.js';
import { startReplyStack } from '../helpers/replies.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';

const CAP = 100;
const BURST = 500;

/**
 * The most requests whose arrival times fall within any one second: a window that slides over every
 * arrival, not calendar seconds, so a burst straddling a second boundary is counted whole. A
 * platform that counts per calendar second never sees more than this.
 */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= 1000) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

t.test(
  'a burst of 500 replies to one WhatsApp number reaches the platform at no more than the configured cap in any second, across three workers on a busy machine',
  async (t) => {
    // Another process keeps a core busy, as on a shared CI box: timers fire late and queries wait.
    // It stops by itself once this process is gone (a timed-out file never reaches its teardown), so
    // a run cut short leaves no core spinning for the runs after it.
    const spin = `const parent = ${process.pid}; for (let i = 1; ; i++) if (i % 1e7 === 0 && process.ppid !== parent) break;`;
    const busy = spawn(process.execPath, ['-e', spin], { stdio: 'ignore' });
    t.teardown(() => void busy.kill('SIGKILL'));

    // The platform is a process of its own: it counts arrivals as Meta would, on its own clock, not
    // when the sending process's busy event loop gets round to reading them.
    const platform = await startFakePlatformProcess(t);
    const stack = await startReplyStack(t, {
      env: { WHATSAPP_SENDS_PER_SECOND: String(CAP), GRAPH_API_BASE_URL: platform.url },
      workers: 0,
    });
    const [filer] = stack.startWorkers(1);
    await stack.deliver(
      'whatsapp',
      whatsAppTextBody('wamid.RATE-IN-1', Math.floor(Date.now() / 1000), 'Send me everything'),
      ['wamid.RATE-IN-1'],
    );
    await stopWorker(filer!);
    const { conversationId } = await stack.inbound('wamid.RATE-IN-1');

    const accepted: number[] = [];
    for (let i = 0; i < BURST; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, BURST - i) }, (_, j) =>
          stack.reply(conversationId, { text: `Item ${i + j + 1}` }),
        ),
      );
      accepted.push(...batch.map((r) => r.json().message.id as number));
    }
    t.equal(accepted.length, BURST);
    // The whole burst waits in the queue before the workers start, as after a campaign is queued.
    stack.startWorkers(3);
    await waitFor(
      'every reply sent',
      async () => {
        const [row] = await stack.sql<
          { n: number }[]
        >`select count(*)::int as n from messages where id = any(${accepted}) and delivery_status = 'sent'`;
        return row!.n === BURST;
      },
      60_000,
    );

    // Counted where the platform counts: on arrival at its (fake) server.
    const arrived = await platform.requests();
    const times = arrived.map((r) => r.at);
    t.equal(times.length, BURST, 'each reply was sent once');
    const most = busiestSecond(times);
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    t.comment(
      `busiest second: ${most} sends; ${BURST} sends over ${seconds.toFixed(2)} s = ${((BURST - 1) / seconds).toFixed(1)}/s`,
    );
    t.ok(most <= CAP, `no one-second window saw more than ${CAP} sends (saw ${most})`);
  },
);
