/** A channel member who could take a conversation, as the rule weighs them. */
export interface AssignmentCandidate {
  agentId: number;
  /** Their open conversations in the channel. */
  openCount: number;
  /** When the channel last assigned them one; null: never. */
  lastAssignedAt: Date | null;
  /** The channel's cap on open conversations per member; null: none. */
  cap: number | null;
}

/**
 * The round-robin rule: among the candidates under their cap, the one with the fewest open
 * conversations; among those, the one assigned least recently (never first), so ties take turns;
 * the lowest id last, so the answer never depends on the order given. Null when everyone is at
 * their cap, or nobody is there: the conversation waits unassigned.
 */
export function pickAssignee(candidates: readonly AssignmentCandidate[]): number | null {
  let best: AssignmentCandidate | null = null;
  for (const candidate of candidates) {
    if (candidate.cap !== null && candidate.openCount >= candidate.cap) continue;
    if (best === null || before(candidate, best)) best = candidate;
  }
  return best?.agentId ?? null;
}

function before(a: AssignmentCandidate, b: AssignmentCandidate): boolean {
  if (a.openCount !== b.openCount) return a.openCount < b.openCount;
  const aAt = a.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const bAt = b.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (aAt !== bAt) return aAt < bAt;
  return a.agentId < b.agentId;
}
