import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from './reply';

/** Large enough for a 200-entry transaction carrying its documents inline. */
export const MAX_BODY_BYTES = 512 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function writeReply(response: ServerResponse, reply: Reply): void {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body;
  response.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  response.end(body);
}
