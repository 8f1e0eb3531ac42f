import { z } from 'zod';
import type { Faults } from './faults';
import { FORCED_STATUSES } from './faults';
import { errorOutcome } from './outcomes';
import type { Reply } from './reply';
import { outcomeReply } from './reply';

export const ADMIN_PATH = '/_testbed/faults';

const FaultRequest = z
  .object({
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    failNext: z
      .object({
        count: z.number().int().min(0),
        status: z.literal(FORCED_STATUSES),
      })
      .optional(),
    malformNext: z.number().int().min(0).optional(),
  })
  .strict();

/**
 * Fault control over HTTP, for tests that drive a server started by the CLI:
 * `GET` reads the state, `POST {latencyMs?, failNext?: {count, status}, malformNext?}` changes it,
 * `DELETE` resets it.
 */
export function handleAdmin(method: string, body: Buffer, faults: Faults): Reply {
  if (method === 'GET') return stateReply(faults);
  if (method === 'DELETE') {
    faults.reset();
    return stateReply(faults);
  }
  if (method !== 'POST') {
    return outcomeReply(errorOutcome(405, `Method not allowed: ${method}`), 405);
  }
  let parsed: z.infer<typeof FaultRequest>;
  try {
    parsed = FaultRequest.parse(JSON.parse(body.toString('utf8')));
  } catch {
    return outcomeReply(
      errorOutcome(400, 'Expected {latencyMs?, failNext?: {count, status}, malformNext?}'),
    );
  }
  if (parsed.latencyMs !== undefined) faults.setLatency(parsed.latencyMs);
  if (parsed.failNext) faults.failNext(parsed.failNext.count, parsed.failNext.status);
  if (parsed.malformNext !== undefined) faults.malformNext(parsed.malformNext);
  return stateReply(faults);
}

function stateReply(faults: Faults): Reply {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults.state()),
  };
}
