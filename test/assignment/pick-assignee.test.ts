import t from 'tap';
import { type AssignmentCandidate, pickAssignee } from '../../src/assignment/pick-assignee.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const candidate = (agentId: number, openCount: number, lastAssignedAt: Date | null = null, cap: number | null = null) =>
  ({ agentId, openCount, lastAssignedAt, cap }) satisfies AssignmentCandidate;

t.test('the member with the fewest open conversations gets it', async (t) => {
  t.equal(pickAssignee([candidate(1, 3), candidate(2, 1), candidate(3, 2)]), 2);
});

t.test('among members tied on open conversations, the one assigned least recently gets it', async (t) => {
  t.equal(pickAssignee([candidate(1, 2, at(5)), candidate(2, 2, at(1)), candidate(3, 2, at(3))]), 2);
});

t.test('a member never assigned goes before one assigned, on a tie', async (t) => {
  t.equal(pickAssignee([candidate(1, 0, at(1)), candidate(2, 0, null)]), 2);
});

t.test('a full tie goes to the lowest id, whatever order the candidates come in', async (t) => {
  t.equal(pickAssignee([candidate(7, 0), candidate(3, 0), candidate(5, 0)]), 3);
});

t.test('a member at the cap is passed over, even with the fewest open', async (t) => {
  t.equal(pickAssignee([candidate(1, 2, null, 2), candidate(2, 5, null, 6)]), 2);
});

t.test('with every member at the cap, nobody gets it', async (t) => {
  t.equal(pickAssignee([candidate(1, 2, null, 2), candidate(2, 2, null, 2)]), null);
});

t.test('with no candidates, nobody gets it', async (t) => {
  t.equal(pickAssignee([]), null);
});

t.test('assigning in turn spreads conversations evenly', async (t) => {
  const members = [1, 2, 3].map((id) => candidate(id, 0));
  for (let minute = 0; minute < 9; minute++) {
    const picked = members.find((m) => m.agentId === pickAssignee(members));
    if (!picked) throw new Error('nobody picked');
    Object.assign(picked, { openCount: picked.openCount + 1, lastAssignedAt: at(minute) });
  }
  t.same(
    members.map((m) => m.openCount),
    [3, 3, 3],
  );
});
