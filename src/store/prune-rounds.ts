import type { Sql } from './database.js';

/** A finished prune round, as recorded in `prune_rounds`. */
export interface PruneRoundRecord {
  /** The hourly round (in-process or the Lambda), as opposed to `omni prune` by hand. */
  scheduled: boolean;
  startedAt: Date;
  /** Raw webhook bodies, and unverified requests' rows, received before this were removed. */
  rawBodiesBefore: Date;
  unverifiedRequests: number;
  rawBodies: number;
  uploads: number;
  mediaFiles: number;
}

export async function insertPruneRound(sql: Sql, round: PruneRoundRecord): Promise<void> {
  await sql`
    insert into prune_rounds (scheduled, started_at, raw_bodies_before, unverified_requests, raw_bodies, uploads,
                              media_files)
    values (${round.scheduled}, ${round.startedAt}, ${round.rawBodiesBefore}, ${round.unverifiedRequests},
            ${round.rawBodies}, ${round.uploads}, ${round.mediaFiles})`;
}

/** Whether a scheduled round finished within the last `ms`, on the database's clock (shared by every process). */
export async function scheduledRoundFinishedWithin(sql: Sql, ms: number): Promise<boolean> {
  const [row] = await sql<{ recent: boolean }[]>`
    select exists (select 1 from prune_rounds
                   where scheduled and finished_at > now() - make_interval(secs => ${ms / 1000})) as recent`;
  return row.recent;
}

/** The database's clock: a round's cut-offs are taken on it, as `received_at` and `created_at` are. */
export async function databaseNow(sql: Sql): Promise<Date> {
  const [row] = await sql<{ now: Date }[]>`select now() as now`;
  return row.now;
}
