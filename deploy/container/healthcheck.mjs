// The image's HEALTHCHECK (slim images have no curl): asks /healthz of the process the container
// runs, which is PID 1 (the entrypoint execs node). `omni serve` answers on PORT (or --port);
// `omni-worker consume` on METRICS_PORT (or --metrics-port) when it serves HTTP at all. A worker
// without that port, or a one-shot command (migrate, prune), has nothing to ask: running is healthy.
import { readFileSync } from 'node:fs';

function option(args, names) {
  const at = args.findIndex((arg) => names.includes(arg));
  if (at >= 0) return args[at + 1];
  const inline = args.find((arg) => names.some((name) => arg.startsWith(`${name}=`)));
  return inline?.slice(inline.indexOf('=') + 1);
}

const args = readFileSync('/proc/1/cmdline', 'utf8').split('\0').filter(Boolean);
const script = args.findIndex((arg) => /bin\/omni(-worker)?\.js$/.test(arg));
const command = args.slice(script + 1);
let port;
if (args[script]?.endsWith('omni-worker.js')) port = option(command, ['--metrics-port']) ?? process.env.METRICS_PORT;
else if (command[0] === 'serve') port = option(command, ['--port', '-p']) ?? process.env.PORT ?? '3000';
if (script < 0 || !port) process.exit(0);

const bound = option(command, ['--host']) ?? process.env.HOST ?? '127.0.0.1';
const host = ['0.0.0.0', '::', ''].includes(bound) ? '127.0.0.1' : bound.includes(':') ? `[${bound}]` : bound;
try {
  const answer = await fetch(`http://${host}:${port}/healthz`, { signal: AbortSignal.timeout(4000) });
  process.exit(answer.ok ? 0 : 1);
} catch {
  process.exit(1);
}
