import type { ServerResponse } from 'node:http';
import type { Criteria } from './criteria';
import { matchesCriteria } from './criteria';
import type { RecordRepository } from './repository';

export const EVENTS_PATH = '$subscription-events';

/**
 * `GET [base]/$subscription-events?criteria=...`: a server-sent-events stream, simpler for tests
 * than a rest-hook listener. Each created or updated resource meeting the criteria is sent as one
 * event (`event:` the resource type, `id:` Type/id/_history/version, `data:` the resource as JSON).
 */
export class EventStreams {
  private readonly open = new Set<ServerResponse>();
  private readonly repo: RecordRepository;

  constructor(repo: RecordRepository) {
    this.repo = repo;
  }

  /** Takes the response over until the client goes away or closeAll is called. */
  openStream(response: ServerResponse, criteria: Criteria): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    // A first comment tells the client the stream is live before any event exists.
    response.write(': listening\n\n');
    const stop = this.repo.onChange((resource) => {
      if (resource.resourceType !== criteria.resourceType) return;
      void matchesCriteria(resource, criteria, this.repo).then(
        (matches) => {
          if (!matches || response.writableEnded) return;
          const version = resource.meta?.versionId ?? '';
          const id = `${resource.resourceType}/${resource.id}/_history/${version}`;
          response.write(
            `event: ${resource.resourceType}\nid: ${id}\ndata: ${JSON.stringify(resource)}\n\n`,
          );
        },
        () => undefined,
      );
    });
    this.open.add(response);
    response.on('close', () => {
      stop();
      this.open.delete(response);
    });
  }

  closeAll(): void {
    for (const response of this.open) response.end();
  }
}
