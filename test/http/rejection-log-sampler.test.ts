import t from 'tap';
import { RejectionLogSampler } from '../../src/http/rejection-log-sampler.js';

const admitted = (sampler: RejectionLogSampler, ip: string, times: number) =>
  Array.from({ length: times }, () => sampler.admit(ip)).filter(Boolean).length;

t.test('logs the first rejections of each IP in a window and counts the rest', async (t) => {
  const sampler = new RejectionLogSampler({ perIp: 3, perWindow: 100, trackedIps: 100 });
  t.equal(admitted(sampler, '203.0.113.7', 50), 3);
  t.equal(admitted(sampler, '198.51.100.1', 2), 2, 'another IP has its own allowance');
  t.same(sampler.endWindow(), {
    rejected: 52,
    notLogged: 47,
    ips: 2,
    top: [
      { ip: '203.0.113.7', rejected: 50 },
      { ip: '198.51.100.1', rejected: 2 },
    ],
  });
});

t.test('starts every window afresh, and has nothing to sum up when every rejection was logged', async (t) => {
  const sampler = new RejectionLogSampler({ perIp: 3, perWindow: 100, trackedIps: 100 });
  admitted(sampler, '203.0.113.7', 10);
  sampler.endWindow();
  t.equal(admitted(sampler, '203.0.113.7', 2), 2);
  t.equal(sampler.endWindow(), null);
});

t.test('bounds the lines of a flood from many IPs by the window total', async (t) => {
  const sampler = new RejectionLogSampler({ perIp: 3, perWindow: 10, trackedIps: 1000 });
  let logged = 0;
  for (let i = 0; i < 500; i++) logged += admitted(sampler, `10.0.${i >> 8}.${i & 255}`, 1);
  t.equal(logged, 10);
  t.match(sampler.endWindow(), { rejected: 500, notLogged: 490, ips: 500 });
});

t.test('counts IPs one by one only up to trackedIps; further ones add to the totals alone', async (t) => {
  const sampler = new RejectionLogSampler({ perIp: 3, perWindow: 100, trackedIps: 2 });
  admitted(sampler, '192.0.2.1', 1);
  admitted(sampler, '192.0.2.2', 1);
  t.equal(admitted(sampler, '192.0.2.3', 5), 0, 'an untracked IP is not logged line by line');
  t.match(sampler.endWindow(), { rejected: 7, notLogged: 5, ips: 2 });
});
