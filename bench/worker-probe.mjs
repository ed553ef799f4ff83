// The worker as `omni-worker consume` composes it (same services, same createWorker), plus a
// listener on its message bus that times each bench message from the load generator's send time
// (carried in its text) to its 'message.received' event. Answers `take` over IPC with the samples
// gathered since the last call.
import { MessageBus } from '../dist/processor/bus.js';
import { createOutbox } from '../dist/queue/outbox.js';
import { createConfiguredWorker } from '../dist/runtime/configured-worker.js';
import { stopWorker } from '../dist/processor/worker.js';
import { openChannels } from '../dist/runtime/open-channels.js';
import { openServices } from '../dist/runtime/services.js';
import { openCommandContext } from '../dist/cli/context.js';
import { sentAtOf } from './webhook-payloads.mjs';

const { config, logger } = await openCommandContext('omni-worker');
const services = await openServices(config, logger, { embedQueue: false });
const { directory: channels } = await openChannels(services.sql, config, logger, config.platforms);
const bus = new MessageBus();
let latencies = [];
let processed = 0;
bus.on('message.received', (event) => {
  processed += 1;
  const sentAt = sentAtOf(event.text);
  if (sentAt !== undefined) latencies.push(Date.now() - sentAt);
});
const outbox = createOutbox({ sql: services.sql, sqs: services.sqs, queueUrl: services.queueUrl, logger });
const worker = createConfiguredWorker(config, services, { logger, bus, outbox, channels, waitTimeSeconds: 1 });
worker.start();

const PHASES = {
  take() {
    const taken = { processed, latencies };
    latencies = [];
    return taken;
  },
};
process.on('message', (message) => process.send({ id: message.id, result: PHASES[message.phase]() }));
process.on(
  'SIGTERM',
  () =>
    void stopWorker(worker)
      .then(() => outbox.drain())
      .then(() => channels.close())
      .then(() => services.close())
      .then(() => process.exit(0)),
);
process.send({ ready: true });
