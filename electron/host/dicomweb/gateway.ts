import { Agent, errors as undiciErrors, request } from 'undici';
import type { Readable } from 'node:stream';
import type { AccessPoint } from '../access/access-point';
import type { ImagingSource, SourceAuth } from '../config/schema';
import { dicomString, parseDicomJsonList } from '../../../shared/dicom/dicom-json';
import { HostError } from '../errors';
import type { Logger } from '../logging/logger';
import { parseDicomwebPath, sanitiseQuery } from './gateway-path';

export interface GatewayRequest {
  method: string;
  sourceId: string;
  /** The DICOMweb path below the source, e.g. `studies/1.2.3/series`. */
  path: string;
  /** The raw query string, with or without its leading `?`. */
  search: string;
  accept: string | undefined;
  signal: AbortSignal;
}

export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  /** Streamed from the source as it arrives; null for errors the gateway answers itself. */
  body: Readable | null;
  /** Why the gateway answered by itself, for the renderer to explain. */
  reason?: 'refused' | 'unknown-source' | 'unreachable' | 'timeout' | 'aborted';
}

const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-length', 'etag', 'last-modified'];

function authorizationHeader(auth: SourceAuth): string | undefined {
  switch (auth.type) {
    case 'basic':
      return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    case 'bearer':
      return `Bearer ${auth.token}`;
    case 'none':
      return undefined;
  }
}

/**
 * Browsers ask for images with a list of types; many PACS (Orthanc among them) take one media type
 * per Accept. Rendered images are asked for as PNG when the page names it, JPEG otherwise.
 */
function renderedAccept(accept: string | undefined): string {
  return accept?.includes('image/png') && !accept.includes('image/*') ? 'image/png' : 'image/jpeg';
}

/** Studies whose PatientID was looked up, kept for the session (bounded). */
const MAX_KNOWN_STUDIES = 10_000;

/** The open patient (source's opaque id) known by the PACS under this PatientID, if any. */
export type PatientOfPacsId = (pacsPatientId: string) => string | undefined;

export interface GatewayPatients {
  /** The open patient known by the PACS under this PatientID. */
  patientOf: PatientOfPacsId;
  /** Whether a study's owner must be asked of its source (login on: access rules need it). */
  identifyStudies: () => boolean;
}

/** A QIDO answer about one study is small: a body past this size is not one. */
const MAX_LOOKUP_BYTES = 256 * 1024;

async function smallJson(body: AsyncIterable<Uint8Array> & { destroy(): void }): Promise<unknown> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > MAX_LOOKUP_BYTES) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

function ownAnswer(status: number, reason: GatewayResponse['reason']): GatewayResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: null, reason };
}

/** The source's DICOMweb root as a prefix that every forwarded URL must keep. */
function baseOf(source: ImagingSource): URL {
  const base = new URL(source.dicomwebUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  base.search = '';
  base.hash = '';
  return base;
}

/**
 * Forwards QIDO-RS and WADO-RS requests from the renderer to the configured DICOMweb sources:
 * adds their credentials, refuses anything else, streams bodies through without buffering, reuses
 * connections, and aborts upstream when the renderer gives up.
 */
export class DicomwebGateway {
  readonly #sources: Map<string, { source: ImagingSource; base: URL; agent: Agent }>;
  readonly #access: AccessPoint;
  readonly #logger: Logger;
  readonly #patients: GatewayPatients;
  /** The PatientID each study carries at its source (null: the source does not know it). */
  readonly #studyOwners = new Map<string, string | null>();

  constructor(
    sources: readonly ImagingSource[],
    access: AccessPoint,
    logger: Logger,
    patients: GatewayPatients = { patientOf: () => undefined, identifyStudies: () => false },
  ) {
    this.#access = access;
    this.#logger = logger;
    this.#patients = patients;
    this.#sources = new Map(
      sources.map((source) => [
        source.id,
        {
          source,
          base: baseOf(source),
          // Orthanc and others announce `Keep-Alive: timeout=1`; a small threshold keeps reuse.
          agent: new Agent({
            connections: source.maxConnections,
            keepAliveTimeout: 10_000,
            keepAliveTimeoutThreshold: 200,
            headersTimeout: source.timeoutMs,
            bodyTimeout: source.timeoutMs,
          }),
        },
      ]),
    );
  }

  async handle(incoming: GatewayRequest): Promise<GatewayResponse> {
    if (incoming.method !== 'GET' && incoming.method !== 'HEAD') return ownAnswer(405, 'refused');
    const entry = this.#sources.get(incoming.sourceId);
    if (!entry) return ownAnswer(404, 'unknown-source');
    const parsed = parseDicomwebPath(incoming.path);
    const query = sanitiseQuery(incoming.search.replace(/^\?/, ''));
    if (!parsed || query === undefined) {
      this.#logger.warn('gateway.refused', { source: incoming.sourceId });
      return ownAnswer(403, 'refused');
    }
    const target = new URL(parsed.path + query, entry.base);
    if (target.origin !== entry.base.origin || !target.pathname.startsWith(entry.base.pathname)) {
      return ownAnswer(403, 'refused');
    }

    const headers: Record<string, string> = {};
    const accept = /\/(rendered|thumbnail)$/.test(parsed.path)
      ? renderedAccept(incoming.accept)
      : incoming.accept;
    if (accept) headers.accept = accept;
    const authorization = authorizationHeader(entry.source.auth);
    if (authorization) headers.authorization = authorization;

    const forward = async (): Promise<GatewayResponse> => {
      try {
        const upstream = await request(target, {
          method: incoming.method as 'GET' | 'HEAD',
          headers,
          dispatcher: entry.agent,
          signal: incoming.signal,
        });
        const out: Record<string, string> = {};
        for (const name of FORWARDED_RESPONSE_HEADERS) {
          const value = upstream.headers[name];
          if (typeof value === 'string') out[name] = value;
        }
        return { status: upstream.statusCode, headers: out, body: upstream.body };
      } catch (error) {
        if (incoming.signal.aborted) return ownAnswer(499, 'aborted');
        const timedOut =
          error instanceof undiciErrors.HeadersTimeoutError ||
          error instanceof undiciErrors.BodyTimeoutError ||
          error instanceof undiciErrors.ConnectTimeoutError;
        this.#logger.warn('gateway.upstream-failed', {
          source: incoming.sourceId,
          error: (error as Error).name,
        });
        return timedOut ? ownAnswer(504, 'timeout') : ownAnswer(502, 'unreachable');
      }
    };

    // Every request names the patient it concerns, so the access rules apply to images as to
    // records: a search by the PatientID it asks for, a study by the PatientID its source gives.
    try {
      if (parsed.kind === 'search' && !parsed.studyUid) {
        const pacsPatientId = new URLSearchParams(query).get('PatientID');
        const patientRef = pacsPatientId ? this.#patients.patientOf(pacsPatientId) : undefined;
        return await this.#access.run(
          {
            action: 'imaging.search',
            target: incoming.sourceId,
            ...(patientRef ? { patientRef } : {}),
          },
          forward,
        );
      }
      const studyUid = parsed.studyUid;
      return await this.#access.runImaging(
        studyUid,
        forward,
        studyUid && this.#patients.identifyStudies()
          ? async () => {
              const owner = await this.#studyOwner(
                entry,
                incoming.sourceId,
                studyUid,
                incoming.signal,
              );
              return owner ? this.#patients.patientOf(owner) : undefined;
            }
          : undefined,
      );
    } catch (error) {
      if (error instanceof HostError && error.code === 'refused') return ownAnswer(403, 'refused');
      if (error instanceof HostError && error.code === 'unavailable') {
        return ownAnswer(502, 'unreachable');
      }
      throw error;
    }
  }

  /** The PatientID a study carries at its source (QIDO-RS), asked once per study. */
  async #studyOwner(
    entry: { base: URL; agent: Agent; source: ImagingSource },
    sourceId: string,
    studyUid: string,
    signal: AbortSignal,
  ): Promise<string | null> {
    const key = `${sourceId}|${studyUid}`;
    const known = this.#studyOwners.get(key);
    if (known !== undefined) return known;
    const url = new URL(`studies?StudyInstanceUID=${studyUid}&includefield=00100020`, entry.base);
    const authorization = authorizationHeader(entry.source.auth);
    let answer: Awaited<ReturnType<typeof request>>;
    let body: unknown;
    try {
      answer = await request(url, {
        method: 'GET',
        headers: { accept: 'application/dicom+json', ...(authorization ? { authorization } : {}) },
        dispatcher: entry.agent,
        signal,
      });
      body = answer.statusCode === 200 ? await smallJson(answer.body) : await answer.body.dump();
    } catch {
      throw new HostError('unavailable', 'errors.imagingUnreachable');
    }
    // 204 or an empty list: the source does not know the study. Any other answer is not kept.
    if (answer.statusCode !== 200 && answer.statusCode !== 204) {
      throw new HostError('unavailable', 'errors.imagingUnreachable');
    }
    const first = parseDicomJsonList(body)?.[0];
    const owner = (first && dicomString(first, '00100020')) ?? null;
    if (this.#studyOwners.size >= MAX_KNOWN_STUDIES) this.#studyOwners.clear();
    this.#studyOwners.set(key, owner);
    return owner;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#sources.values()].map(({ agent }) => agent.close()));
  }
}
