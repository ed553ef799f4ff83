// Where the box's CPU went during a phase, from /proc: each named process, every PostgreSQL
// backend together, and everything else (on a shared box, other people's work). Shares are of
// one core (on this 2-core box, the whole box is 200).
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

function ticksOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      ticks: Number(fields[11]) + Number(fields[12]),
    };
  } catch {
    return { comm: '', ticks: 0 }; // exited meanwhile
  }
}

/** CPU time a process has used so far (user + system), in ms; Linux counts it in ticks of 10 ms. */
export function processCpuMs(pid) {
  return ticksOf(pid).ticks * 10;
}

function boxTicks() {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { total: cpu.reduce((a, b) => a + b, 0), idle: cpu[3] + cpu[4], steal: cpu[7] ?? 0 };
}

// A backend's title names its database; background processes (WAL writer, checkpointer) serve all.
function servesDatabase(pid, database) {
  try {
    const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return !/\d+\.\d+\.\d+\.\d+\(|\[local\]/.test(title) || title.includes(` ${database} `);
  } catch {
    return false;
  }
}

/**
 * A reading of the named processes (`{ name: pid }`), the PostgreSQL processes that serve
 * `database` (other databases' backends count as other work) and the box.
 */
export function cpuSnapshot(pids, database) {
  const named = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, ticksOf(pid).ticks]));
  let postgres = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const { comm, ticks } = ticksOf(entry);
    if (comm === 'postgres' && servesDatabase(entry, database)) postgres += ticks;
  }
  return { named, postgres, box: boxTicks() };
}

/** Each share of the box between two snapshots, in % of one core (so two busy cores are 200). */
export function cpuShares(before, after) {
  const cores = cpus().length;
  const elapsed = (after.box.total - before.box.total) / cores; // ticks per core
  const pct = (ticks) => Math.round((100 * ticks) / elapsed);
  const shares = {};
  let accounted = 0;
  for (const name of Object.keys(after.named)) {
    const used = after.named[name] - (before.named[name] ?? 0);
    shares[name] = pct(used);
    accounted += used;
  }
  // Backends that exit between the readings take their ticks with them: never below zero.
  shares.postgres = Math.max(0, pct(after.postgres - before.postgres));
  accounted += after.postgres - before.postgres;
  const busy =
    after.box.total - before.box.total - (after.box.idle - before.box.idle) - (after.box.steal - before.box.steal);
  shares.other = pct(busy - accounted);
  shares.idle = pct(after.box.idle - before.box.idle);
  shares.steal = pct(after.box.steal - before.box.steal);
  return shares;
}
