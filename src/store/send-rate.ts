import type { Sql } from './database.js';

/**
 * Reserves the account's next send slot for a message and answers its time (epoch ms). Slots are
 * `gapSeconds` apart and handed out by one UPDATE on the account's `send_rate` row, on the
 * database's clock, so workers in any number of processes share one cap without talking.
 */
export async function reserveSendSlot(
  sql: Sql,
  messageId: number,
  accountKey: string,
  gapSeconds: number,
): Promise<number> {
  const [row] = await sql<{ slot_at: number }[]>`
    with reserved as (
      insert into send_rate (account_key, next_slot) values (${accountKey}, clock_timestamp() + make_interval(secs => ${gapSeconds}))
      on conflict (account_key) do update set next_slot = greatest(send_rate.next_slot, clock_timestamp()) + make_interval(secs => ${gapSeconds})
      returning next_slot - make_interval(secs => ${gapSeconds}) as slot
    )
    update messages set send_slot_at = (select slot from reserved) where id = ${messageId}
    returning (extract(epoch from send_slot_at) * 1000)::float8 as slot_at`;
  return row.slot_at;
}

/** The platform asked the account to slow down: no slot is handed out before `seconds` from now. */
export async function holdSendRate(sql: Sql, accountKey: string, seconds: number): Promise<void> {
  await sql`
    update send_rate set next_slot = greatest(next_slot, clock_timestamp() + make_interval(secs => ${seconds}))
    where account_key = ${accountKey}`;
}
