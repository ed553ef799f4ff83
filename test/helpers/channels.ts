import type { PlatformName } from '../../src/platforms/types.js';
import type { Sql } from '../../src/store/database.js';

/** A channel row as `omni channel add` leaves it, seeded directly: no secret is needed to read it back. */
export async function insertChannel(
  sql: Sql,
  channel: { platform: PlatformName; name: string; accountId: string | null; enabled?: boolean },
): Promise<number> {
  const [row] = await sql<{ id: string }[]>`
    insert into channels (platform, name, account_id, enabled)
    values (${channel.platform}, ${channel.name}, ${channel.accountId}, ${channel.enabled ?? true})
    returning id`;
  return Number(row!.id);
}

/**
 * Files each item the webhook routes store under the live channel holding its account, as the
 * routing does for a request that channel's app secret verified; an account no channel holds stays
 * unrouted. A trigger in this test database, so items are routed before any worker can file them,
 * whatever the timing. The reading side is what these tests are about; routing has its own tests.
 */
export async function routeItemsByAccount(sql: Sql): Promise<void> {
  await sql`
    create function test_route_by_account() returns trigger language plpgsql as $$
    begin
      if new.channel_id is null then
        new.channel_id := (select id from channels
                           where platform = new.platform and account_id = new.account and removed_at is null);
      end if;
      return new;
    end $$`;
  await sql`
    create trigger test_route_by_account before insert on messages
    for each row execute function test_route_by_account()`;
}
