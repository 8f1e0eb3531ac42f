import type { IncomingHttpHeaders } from 'node:http';
import type { FhirResponse, FhirRouter, HttpMethod } from '@medplum/fhir-router';
import type { RecordRepository } from './repository';

/** What the FHIR request handlers share. */
export interface FhirContext {
  /** Absolute base of the FHIR API, e.g. http://127.0.0.1:PORT/fhir/R4 (no trailing slash). */
  baseUrl: string;
  repo: RecordRepository;
  router: FhirRouter;
}

export type Query = Record<string, string | string[]>;

/** Hands one request to Medplum's router, with real (atomic) transaction semantics switched on. */
export function routeToEngine(
  context: FhirContext,
  method: HttpMethod,
  path: string,
  query: Query,
  body: unknown,
  headers: IncomingHttpHeaders = {},
): Promise<FhirResponse> {
  return context.router.handleRequest(
    {
      method,
      url: path,
      pathname: '',
      params: {},
      query,
      body,
      headers,
      config: { transactions: true },
    },
    context.repo,
  );
}

/** The router's query record; repeated keys (date=ge..&date=le..) become arrays. */
export function toQuery(params: URLSearchParams): Query {
  const query: Query = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return query;
}
