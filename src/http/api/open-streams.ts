import type { Credentials } from '../../store/live-credentials.js';
import type { Revocation } from '../../store/revocations.js';
import type { Principal } from './authenticate.js';

/** What an open stream lives by: one session of an agent, or one API token. */
type StreamCredential =
  | { kind: 'session'; agentId: number; sessionHash: string; expiresAt: Date }
  | { kind: 'token'; tokenId: number };

interface OpenStream {
  credential: StreamCredential;
  end(): void;
  expiry?: NodeJS.Timeout;
}

/** The still-valid credentials among those asked about (see `selectLiveCredentials`). */
export interface LiveCredentials {
  sessionHashes: ReadonlySet<string>;
  tokenIds: ReadonlySet<number>;
}

/** setTimeout's longest delay; a later end is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function credentialOf(principal: Principal): StreamCredential {
  return principal.kind === 'agent'
    ? {
        kind: 'session',
        agentId: principal.agent.id,
        sessionHash: principal.sessionHash.toString('hex'),
        expiresAt: principal.expiresAt,
      }
    : { kind: 'token', tokenId: principal.token.id };
}

/** Whose cap a stream counts against: the agent's (all its sessions together), or the token's. */
function ownerOf(credential: StreamCredential): string {
  return credential.kind === 'session' ? `agent ${credential.agentId}` : `token ${credential.tokenId}`;
}

function revokes(revocation: Revocation, credential: StreamCredential): boolean {
  if ('tokenId' in revocation) return credential.kind === 'token' && credential.tokenId === revocation.tokenId;
  if (credential.kind !== 'session') return false;
  if ('agentId' in revocation) return credential.agentId === revocation.agentId;
  return credential.sessionHash === revocation.sessionHash;
}

function isLive(credential: StreamCredential, live: LiveCredentials): boolean {
  return credential.kind === 'session'
    ? live.sessionHashes.has(credential.sessionHash)
    : live.tokenIds.has(credential.tokenId);
}

/**
 * A process's open event streams, by the credential each was opened with: at most `perUser` per
 * agent or token, each ended when its credential is revoked, when its session expires, or when a
 * sweep finds its credential gone. Ending a stream calls the `end` it was admitted with once.
 */
export class OpenStreams {
  private readonly streams = new Set<OpenStream>();

  constructor(private readonly perUser: number) {}

  /** How many streams are open. */
  get size(): number {
    return this.streams.size;
  }

  /**
   * Holds a stream for `principal` until the answered release is called (when the response
   * closes); answers undefined when its agent or token already holds `perUser` streams here.
   */
  admit(principal: Principal, end: () => void): (() => void) | undefined {
    const credential = credentialOf(principal);
    const owner = ownerOf(credential);
    let held = 0;
    for (const stream of this.streams) if (ownerOf(stream.credential) === owner) held++;
    if (held >= this.perUser) return undefined;
    const stream: OpenStream = { credential, end };
    this.streams.add(stream);
    if (credential.kind === 'session') this.endAtExpiry(stream, credential.expiresAt);
    return () => this.release(stream);
  }

  /** Ends every stream the revocation names. */
  revoke(revocation: Revocation): void {
    for (const stream of this.streams) if (revokes(revocation, stream.credential)) this.end(stream);
  }

  /**
   * Asks `findLive` which of the open streams' credentials are still valid and ends the streams of
   * the others. Only streams open before the question are judged: one admitted meanwhile was just
   * authenticated.
   */
  async sweep(findLive: (credentials: Credentials) => Promise<LiveCredentials>): Promise<void> {
    const judged = [...this.streams];
    if (judged.length === 0) return;
    const credentials = judged.map((stream) => stream.credential);
    const live = await findLive({
      sessionHashes: credentials.flatMap((c) => (c.kind === 'session' ? [c.sessionHash] : [])),
      tokenIds: credentials.flatMap((c) => (c.kind === 'token' ? [c.tokenId] : [])),
    });
    for (const stream of judged) {
      if (this.streams.has(stream) && !isLive(stream.credential, live)) this.end(stream);
    }
  }

  /** Ends every stream (the app is closing). */
  endAll(): void {
    for (const stream of this.streams) this.end(stream);
  }

  private end(stream: OpenStream): void {
    if (!this.streams.has(stream)) return;
    this.release(stream);
    stream.end();
  }

  private release(stream: OpenStream): void {
    clearTimeout(stream.expiry);
    this.streams.delete(stream);
  }

  private endAtExpiry(stream: OpenStream, expiresAt: Date): void {
    const left = Math.max(0, expiresAt.getTime() - Date.now());
    stream.expiry = setTimeout(
      () => (left > MAX_TIMER_MS ? this.endAtExpiry(stream, expiresAt) : this.end(stream)),
      Math.min(left, MAX_TIMER_MS),
    );
    stream.expiry.unref();
  }
}
