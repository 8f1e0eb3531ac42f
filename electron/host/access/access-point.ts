import { HostError } from '../errors';
import type { AccessMode, AuditAction, AuditJournal } from '../audit/journal';
import type { Logger } from '../logging/logger';

export interface AccessRequest {
  action: AuditAction;
  patientRef?: string;
  target?: string;
}

/** A rule that may refuse an access before any patient data is touched. */
export type AccessRule = (request: AccessRequest, actor: string) => string | undefined;

/** The exceptional mode an actor is in for a patient now, if any. */
export type ModeOf = (actor: string, patientRef: string) => AccessMode | undefined;

/**
 * The single point every patient-data call passes through: it decides, runs the call, and writes
 * who did what to which patient, when, with what outcome, whatever the outcome.
 */
export class AccessPoint {
  readonly #journal: AuditJournal;
  readonly #logger: Logger;
  readonly #rules: AccessRule[] = [];
  readonly #actor: () => string;
  readonly #modeOf: ModeOf;
  /** Studies already recorded as opened in this session: one journal line per study, not per frame. */
  readonly #openedStudies = new Set<string>();
  /** The patient each study was listed for, so that opening its images is journalled to them. */
  readonly #studyPatients = new Map<string, string>();

  constructor(
    journal: AuditJournal,
    logger: Logger,
    actor: () => string,
    modeOf: ModeOf = () => undefined,
  ) {
    this.#journal = journal;
    this.#logger = logger;
    this.#actor = actor;
    this.#modeOf = modeOf;
  }

  addRule(rule: AccessRule): void {
    this.#rules.push(rule);
  }

  async run<T>(request: AccessRequest, call: () => Promise<T>): Promise<T> {
    const actor = this.#actor();
    // Each line says the mode it was made under: the patient is told of exceptional accesses.
    const mode = request.patientRef ? this.#modeOf(actor, request.patientRef) : undefined;
    const entry = { actor, ...request, ...(mode ? { mode } : {}) };
    for (const rule of this.#rules) {
      const refusal = rule(request, actor);
      if (refusal) {
        this.#journal.append({ ...entry, outcome: 'refused' });
        this.#logger.info('access.refused', { action: request.action, rule: refusal });
        throw new HostError('refused', refusal);
      }
    }
    try {
      const result = await call();
      this.#journal.append({ ...entry, outcome: 'success' });
      return result;
    } catch (error) {
      // A refusal decided inside the call (e.g. on the patient's consent) is journalled as one.
      const refused = error instanceof HostError && error.code === 'refused';
      this.#journal.append({ ...entry, outcome: refused ? 'refused' : 'failure' });
      throw error;
    }
  }

  /** Remembers which patient's study list named these studies. */
  linkStudies(patientRef: string, studyUids: readonly string[]): void {
    for (const uid of studyUids) this.#studyPatients.set(uid, patientRef);
  }

  /**
   * Image requests arrive frame by frame; the study is journalled once, when first opened. A study
   * not listed for a patient is identified by `identify` (its owner at the source), so that the
   * rules and the journal know whose images these are.
   */
  async runImaging<T>(
    studyUid: string | undefined,
    call: () => Promise<T>,
    identify?: () => Promise<string | undefined>,
  ): Promise<T> {
    if (!studyUid) return this.#runUnrecorded({ action: 'imaging.retrieve' }, call);
    let patientRef = this.#studyPatients.get(studyUid);
    if (patientRef === undefined && identify) {
      patientRef = await identify();
      if (patientRef !== undefined) this.#studyPatients.set(studyUid, patientRef);
    }
    const request: AccessRequest = {
      action: 'imaging.retrieve',
      target: studyUid,
      ...(patientRef ? { patientRef } : {}),
    };
    if (this.#openedStudies.has(studyUid)) return this.#runUnrecorded(request, call);
    this.#openedStudies.add(studyUid);
    try {
      return await this.run(request, call);
    } catch (error) {
      // Not opened after all: the next attempt is journalled again.
      this.#openedStudies.delete(studyUid);
      throw error;
    }
  }

  async #runUnrecorded<T>(request: AccessRequest, call: () => Promise<T>): Promise<T> {
    const actor = this.#actor();
    for (const rule of this.#rules) {
      const refusal = rule(request, actor);
      if (refusal) throw new HostError('refused', refusal);
    }
    return call();
  }
}
