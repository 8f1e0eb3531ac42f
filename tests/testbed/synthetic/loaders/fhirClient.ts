import { Agent, request } from 'undici';
import type { FhirResource } from '../documents/fhirTypes';

export interface BundleEntry {
  fullUrl?: string;
  resource?: FhirResource & { id?: string; identifier?: { value?: string }[] };
  response?: { status?: string; location?: string };
}

export interface Bundle {
  resourceType: 'Bundle';
  entry?: BundleEntry[];
  link?: { relation: string; url: string }[];
}

/** Minimal FHIR REST client over one kept-alive undici agent. */
export class FhirClient {
  private readonly agent = new Agent({ connections: 2, keepAliveTimeoutThreshold: 100 });

  constructor(
    private readonly baseUrl: string,
    private readonly headers: Record<string, string>,
  ) {}

  async send<T = Bundle>(
    method: 'GET' | 'POST',
    pathOrUrl: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> {
    const url = pathOrUrl.startsWith('http')
      ? pathOrUrl
      : pathOrUrl
        ? `${this.baseUrl}/${pathOrUrl}`
        : this.baseUrl;
    const response = await request(url, {
      method,
      dispatcher: this.agent,
      headers: {
        accept: 'application/fhir+json',
        ...(body ? { 'content-type': 'application/fhir+json' } : {}),
        ...this.headers,
        ...extraHeaders,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.body.text();
    if (response.statusCode >= 300)
      throw new Error(
        `${method} ${url.split('?')[0]}: HTTP ${response.statusCode} ${text.slice(0, 500)}`,
      );
    return JSON.parse(text) as T;
  }

  /** Every entry of a search, following `next` links. */
  async searchAll(query: string): Promise<BundleEntry[]> {
    const entries: BundleEntry[] = [];
    let page: Bundle | undefined = await this.send('GET', query);
    while (page) {
      entries.push(...(page.entry ?? []));
      const next: string | undefined = page.link?.find((link) => link.relation === 'next')?.url;
      page = next ? await this.send('GET', next) : undefined;
    }
    return entries;
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
