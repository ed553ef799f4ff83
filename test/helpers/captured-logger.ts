import { Writable } from 'node:stream';
import { pino } from 'pino';

/** A logger at its most verbose whose every line is kept, so a test can show what never reached a log. */
export function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: pino({ level: 'trace' }, stream), text: () => lines.join('') };
}
