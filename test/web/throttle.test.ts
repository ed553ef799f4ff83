import t from 'tap';
import { type Clock, throttle } from '../../web/throttle.js';

/** A clock the test moves by hand: timers fire only when `advance` passes them. */
function fakeClock() {
  let now = 0;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((timer) => timer.id !== id);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const due of timers.filter((timer) => timer.at <= now)) {
      timers = timers.filter((timer) => timer !== due);
      due.run();
    }
  };
  return { clock, advance, pending: () => timers.length };
}

t.test('a first request runs at once; a burst inside the interval makes one trailing run at its end', async (t) => {
  const { clock, advance, pending } = fakeClock();
  const runs: number[] = [];
  const reloads = throttle(() => runs.push(clock.now()), 2000, clock);
  reloads.request();
  t.same(runs, [0], 'the first request runs at once');
  for (let i = 0; i < 50; i++) {
    advance(10);
    reloads.request();
  }
  t.same(runs, [0], 'nothing more runs inside the interval');
  t.equal(pending(), 1, 'the burst waits as one run');
  advance(1500);
  t.same(runs, [0, 2000], 'the burst runs once, when the interval ends');
  advance(5000);
  t.same(runs, [0, 2000], 'and no more without a request');
});

t.test('a request after a quiet interval runs at once', async (t) => {
  const { clock, advance } = fakeClock();
  const runs: number[] = [];
  const reloads = throttle(() => runs.push(clock.now()), 2000, clock);
  reloads.request();
  advance(2500);
  reloads.request();
  t.same(runs, [0, 2500]);
});

t.test('runNow runs at once, drops the waiting run and starts the interval again', async (t) => {
  const { clock, advance, pending } = fakeClock();
  const runs: number[] = [];
  const reloads = throttle(() => runs.push(clock.now()), 2000, clock);
  reloads.request();
  advance(500);
  reloads.request();
  reloads.runNow();
  t.same(runs, [0, 500], 'ran at once');
  t.equal(pending(), 0, 'the trailing run was dropped');
  advance(100);
  reloads.request();
  advance(1899);
  t.same(runs, [0, 500], 'the interval counts from runNow');
  advance(1);
  t.same(runs, [0, 500, 2500]);
});

t.test('cancel drops the waiting run', async (t) => {
  const { clock, advance } = fakeClock();
  const runs: number[] = [];
  const reloads = throttle(() => runs.push(clock.now()), 2000, clock);
  reloads.request();
  reloads.request();
  reloads.cancel();
  advance(5000);
  t.same(runs, [0]);
});
