// fauxqs in its own process, as the embedded runtime starts it (no request log: fauxqs's own CLI
// logs every request, which on two cores costs the system under test CPU).
import { startEmbeddedSqs } from '../dist/runtime/embedded-sqs.js';

const emulator = await startEmbeddedSqs(Number(process.argv[2]));
process.stdout.write(`fauxqs listening on ${emulator.endpoint}\n`);
process.on('SIGTERM', () => void emulator.stop().then(() => process.exit(0)));
