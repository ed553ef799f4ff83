// Where a process spent its CPU, from the .cpuprofile `node --cpu-prof` writes at exit: self time
// by package (or Node internals, or Omni's own code) and the top functions, as a share of busy time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function owner(url) {
  if (!url) return 'node internals / native';
  if (url.startsWith('node:')) return 'node internals / native';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.includes('/dist/')) return 'omni (dist)';
  return url;
}

const share = (part, whole) => `${((100 * part) / whole).toFixed(1)}%`;

/** A text summary of the profile that process `pid` wrote into `dir`, or a note when there is none. */
export function summarizeCpuProfile(dir, pid) {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile') && name.includes(`.${pid}.`));
  if (!file) return `no CPU profile for pid ${pid} in ${dir}`;
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const byOwner = new Map();
  const byFunction = new Map();
  let busy = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const hits = node.hitCount ?? 0;
    if (functionName === '(idle)') {
      idle += hits;
      continue;
    }
    busy += hits;
    const who = functionName.startsWith('(') ? functionName : owner(url);
    byOwner.set(who, (byOwner.get(who) ?? 0) + hits);
    const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
  }
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, hits]) => `  ${share(hits, busy).padStart(6)}  ${name}`);
  return [
    `${join(dir, file)}: busy ${share(busy, busy + idle)} of the samples`,
    'self time by owner:',
    ...top(byOwner, 10),
    'top functions:',
    ...top(byFunction, 15),
  ].join('\n');
}
