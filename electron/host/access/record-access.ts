import { z } from 'zod';
import type { PatientSummary } from '../../../shared/domain/patient';
import { readJsonState, writeJsonState } from '../storage/json-file';

/**
 * Whether a signed-in professional may open a patient's record (the DMP's access conditions):
 * the patient identified by a qualified INS, and either the patient's non-opposition recorded by
 * this professional, or break-the-glass access for an immediate vital risk, which is exceptional,
 * reported to the patient, and ends by itself.
 */
export type AccessBasis = 'no-login' | 'non-opposition' | 'break-glass';

export type AccessDecision =
  | { allowed: true; basis: AccessBasis; breakGlassUntil?: string }
  | { allowed: false; messageKey: string };

export interface AccessFacts {
  /** Undefined where login is not configured: the professional conditions cannot apply. */
  clinicianId: string | undefined;
  patient: PatientSummary;
  nonOppositionRecorded: boolean;
  breakGlassUntil: string | undefined;
  /** The patient recorded a refusal of this professional: no access, whatever the mode. */
  blocked: boolean;
}

export function decideRecordAccess(facts: AccessFacts, now: Date): AccessDecision {
  if (facts.clinicianId === undefined) return { allowed: true, basis: 'no-login' };
  if (!facts.patient.ins?.qualified) {
    return { allowed: false, messageKey: 'errors.insNotQualified' };
  }
  if (facts.blocked) return { allowed: false, messageKey: 'errors.blockedByPatient' };
  if (facts.breakGlassUntil && facts.breakGlassUntil > now.toISOString()) {
    return { allowed: true, basis: 'break-glass', breakGlassUntil: facts.breakGlassUntil };
  }
  if (facts.nonOppositionRecorded) return { allowed: true, basis: 'non-opposition' };
  return { allowed: false, messageKey: 'errors.consentRequired' };
}

const consentFileSchema = z.record(z.string(), z.iso.datetime());

/** Non-oppositions recorded at this workstation, by professional and patient: asked once. */
export class ConsentStore {
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  #key(clinicianId: string, patientId: string): string {
    return `${clinicianId}|${patientId}`;
  }

  has(clinicianId: string, patientId: string): boolean {
    const recorded = readJsonState(this.#file, consentFileSchema, {});
    return recorded[this.#key(clinicianId, patientId)] !== undefined;
  }

  record(clinicianId: string, patientId: string, now: Date): void {
    const recorded = readJsonState(this.#file, consentFileSchema, {});
    recorded[this.#key(clinicianId, patientId)] = now.toISOString();
    writeJsonState(this.#file, recorded);
  }
}

/** Break-the-glass accesses under way, in memory: they end by themselves, and with the session. */
export class BreakGlassAccesses {
  readonly #until = new Map<string, string>();

  start(clinicianId: string, patientId: string, minutes: number, now: Date): string {
    const until = new Date(now.getTime() + minutes * 60_000).toISOString();
    this.#until.set(`${clinicianId}|${patientId}`, until);
    return until;
  }

  until(clinicianId: string, patientId: string): string | undefined {
    return this.#until.get(`${clinicianId}|${patientId}`);
  }

  clear(): void {
    this.#until.clear();
  }
}
