import { BASIC_CHALLENGE } from './auth';
import type { Reply } from './reply';
import { outcomeReply } from './reply';
import { errorOutcome } from './outcomes';

export type ForcedStatus = 401 | 404 | 500 | 503;

export interface FaultState {
  latencyMs: number;
  forced: { status: ForcedStatus; remaining: number } | undefined;
  malformedRemaining: number;
}

/** Test-only faults applied to every FHIR response; also set over HTTP at /_testbed/faults. */
export interface FaultControls {
  /** Delays every FHIR response by this many milliseconds (0 to stop). */
  setLatency(ms: number): void;
  /** Answers the next `count` FHIR requests with `status` and an OperationOutcome, unhandled. */
  failNext(count: number, status: ForcedStatus): void;
  /** Cuts the body of the next `count` FHIR responses in half (invalid JSON, short bytes). */
  malformNext(count: number): void;
  reset(): void;
  state(): FaultState;
}

export const FORCED_STATUSES: readonly ForcedStatus[] = [401, 404, 500, 503];

/** The fault state plus the hooks the server applies to each request. */
export class Faults implements FaultControls {
  private current: FaultState = { latencyMs: 0, forced: undefined, malformedRemaining: 0 };

  setLatency(ms: number): void {
    this.current.latencyMs = Math.max(0, ms);
  }

  failNext(count: number, status: ForcedStatus): void {
    this.current.forced = count > 0 ? { status, remaining: count } : undefined;
  }

  malformNext(count: number): void {
    this.current.malformedRemaining = Math.max(0, count);
  }

  reset(): void {
    this.current = { latencyMs: 0, forced: undefined, malformedRemaining: 0 };
  }

  state(): FaultState {
    return structuredClone(this.current);
  }

  async delay(): Promise<void> {
    const ms = this.current.latencyMs;
    if (ms > 0) await new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
  }

  /** The forced answer for this request, if one is due. */
  takeForcedReply(): Reply | undefined {
    const forced = this.current.forced;
    if (!forced) return undefined;
    forced.remaining -= 1;
    if (forced.remaining <= 0) this.current.forced = undefined;
    const reply = outcomeReply(
      errorOutcome(forced.status, `Fault injected by the test bed: ${forced.status}`),
      forced.status,
    );
    if (forced.status === 401) reply.headers['www-authenticate'] = BASIC_CHALLENGE;
    if (forced.status === 503) reply.headers['retry-after'] = '1';
    return reply;
  }

  /** The reply itself, or its body cut in half when a malformed response is due. */
  malform(reply: Reply): Reply {
    if (this.current.malformedRemaining <= 0) return reply;
    this.current.malformedRemaining -= 1;
    const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body;
    return { ...reply, body: body.subarray(0, Math.floor(body.length / 2)) };
  }
}
