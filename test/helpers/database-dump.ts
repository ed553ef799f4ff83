import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { promisify } from 'node:util';
import type { Sql } from '../../src/store/database.js';

const run = promisify(execFile);
const PG_DUMP = '/usr/bin/pg_dump';

async function pgDumpMajor(): Promise<number | undefined> {
  try {
    const { stdout } = await run(PG_DUMP, ['--version']);
    return Number(/(\d+)\.\d+/.exec(stdout)?.[1]);
  } catch {
    return undefined;
  }
}

/**
 * Every row of a test database as text, to search for what must no longer be there: `pg_dump` when
 * its major version is at least the server's. pg_dump refuses a newer server, as the machine's
 * pg_dump 15 refuses the embedded PostgreSQL 18 that `npm test` starts without DATABASE_URL; then
 * every table's rows come through `COPY … TO STDOUT` over SQL instead, which is the same data (the
 * same text format) as pg_dump's data section. Either way a bytea (a raw webhook body) reads as hex:
 * `searchable` is what to look for.
 */
export async function dumpDatabase(sql: Sql, url: string): Promise<string> {
  const [server] = await sql<{ major: number }[]>`select current_setting('server_version_num')::int / 10000 as major`;
  const client = await pgDumpMajor();
  if (client !== undefined && client >= server!.major) {
    const { stdout } = await run(PG_DUMP, ['--no-owner', url], { maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  }
  const tables = await sql<{ name: string }[]>`
    select tablename as name from pg_tables where schemaname = 'public' order by tablename`;
  const dumped: string[] = [];
  for (const { name } of tables) {
    const rows = await sql`copy ${sql(name)} to stdout`.readable();
    dumped.push(`-- ${name}\n${await text(rows)}`);
  }
  return dumped.join('\n');
}

/** The forms a string takes in a dump: as itself (text, jsonb) and as hex (inside a bytea). */
export function searchable(needle: string): string[] {
  return [needle, Buffer.from(needle, 'utf8').toString('hex')];
}

/** Every file under a directory: its path relative to it and its bytes as latin1 text (so any byte matches itself). */
export async function readTree(dir: string): Promise<{ path: string; content: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((e) => e.isFile())
      .map(async (e) => {
        const path = join(e.parentPath, e.name);
        return { path: path.slice(dir.length), content: (await readFile(path)).toString('latin1') };
      }),
  );
}
