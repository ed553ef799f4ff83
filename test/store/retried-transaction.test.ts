// A transaction PostgreSQL rolls back as a deadlock's victim runs again; any other failure does not.
import t from 'tap';
import { inRetriedTransaction, type Sql } from '../../src/store/database.js';
import { createTestDatabase } from '../helpers/database.js';

/** A promise and the function that settles it, for two transactions to wait on each other's steps. */
function signal() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { fire, fired };
}

t.test(
  'two transactions locking two rows in opposite orders both commit: the deadlock victim runs again',
  async (t) => {
    const { sql } = await createTestDatabase(t);
    await sql`create table pair (id int primary key, hits int not null default 0)`;
    await sql`insert into pair (id) values (1), (2)`;
    const aHolds = signal();
    const bHolds = signal();
    const attempts = { a: 0, b: 0 };
    // Each locks its first row, waits until the other holds its own first row, then asks for that one.
    const lockBoth = (name: 'a' | 'b', first: number, second: number, mine: typeof aHolds, theirs: typeof aHolds) =>
      inRetriedTransaction(sql, async (tx: Sql) => {
        attempts[name] += 1;
        await tx`update pair set hits = hits + 1 where id = ${first}`;
        mine.fire();
        await theirs.fired;
        await tx`update pair set hits = hits + 1 where id = ${second}`;
      });
    await Promise.all([lockBoth('a', 1, 2, aHolds, bHolds), lockBoth('b', 2, 1, bHolds, aHolds)]);
    t.same(
      await sql`select id, hits from pair order by id`,
      [
        { id: 1, hits: 2 },
        { id: 2, hits: 2 },
      ],
      'each row counted once per committed transaction: the rolled-back attempt left nothing',
    );
    t.equal(attempts.a + attempts.b, 3, 'one of the two ran twice');
  },
);

t.test('any other failure is not run again', async (t) => {
  const { sql } = await createTestDatabase(t);
  let attempts = 0;
  await t.rejects(
    inRetriedTransaction(sql, async (tx: Sql) => {
      attempts += 1;
      await tx`select 1 / 0`;
    }),
    { code: '22012' },
  );
  t.equal(attempts, 1);
});
