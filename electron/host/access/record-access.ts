import { z } from 'zod';
import type { PatientSummary } from '../../../shared/domain/patient';
import type { AccessMode } from '../audit/journal';
import type { ProfessionalRelation } from '../records/professional-relation';
import { readJsonState, writeJsonState } from '../storage/json-file';

/**
 * Whether a signed-in professional may open a patient's record (the DMP's access conditions):
 * the patient identified by a qualified INS, not refusing this professional, and one ground of
 * access: the care team (consent presumed), the patient's non-opposition recorded by this
 * professional, or an exceptional mode that ends by itself and is reported to the patient:
 * break-the-glass (immediate vital risk) or emergency regulation (centre 15).
 */
export type StandingBasis = 'care-team' | 'non-opposition';
export type AccessBasis = 'no-login' | StandingBasis | AccessMode;

export type AccessDecision =
  { allowed: true; basis: AccessBasis; until?: string } | { allowed: false; messageKey: string };

/** An exceptional access under way for one professional and one patient. */
export interface ExceptionalAccess {
  mode: AccessMode;
  until: string;
}

export interface AccessFacts {
  /** Undefined where login is not configured: the professional conditions cannot apply. */
  clinicianId: string | undefined;
  patient: PatientSummary;
  /** What the record source says of this professional and this patient. */
  relation: ProfessionalRelation;
  nonOppositionRecorded: boolean;
  exceptional: ExceptionalAccess | undefined;
}

export function decideRecordAccess(facts: AccessFacts, now: Date): AccessDecision {
  if (facts.clinicianId === undefined) return { allowed: true, basis: 'no-login' };
  if (!facts.patient.ins?.qualified) {
    return { allowed: false, messageKey: 'errors.insNotQualified' };
  }
  // A refusal holds whatever the mode: the patient's word comes first.
  if (facts.relation.blocked) return { allowed: false, messageKey: 'errors.blockedByPatient' };
  if (facts.exceptional && facts.exceptional.until > now.toISOString()) {
    return { allowed: true, basis: facts.exceptional.mode, until: facts.exceptional.until };
  }
  if (facts.relation.careTeam) return { allowed: true, basis: 'care-team' };
  if (facts.nonOppositionRecorded) return { allowed: true, basis: 'non-opposition' };
  return { allowed: false, messageKey: 'errors.consentRequired' };
}

export interface OfflineAccessFacts {
  clinicianId: string | undefined;
  grant: StandingGrant | undefined;
  exceptional: ExceptionalAccess | undefined;
  /** How old the last decision taken with the source may be: the cache's own age limit. */
  maxAgeMs: number;
}

/**
 * Reading a cached record while the source cannot be reached. The patient's refusals and the care
 * team cannot be checked, so only a ground confirmed with the source recently (by this
 * professional, for this patient) or an exceptional mode still under way lets the record open.
 */
export function decideOfflineAccess(facts: OfflineAccessFacts, now: Date): AccessDecision {
  if (facts.clinicianId === undefined) return { allowed: true, basis: 'no-login' };
  if (facts.exceptional && facts.exceptional.until > now.toISOString()) {
    return { allowed: true, basis: facts.exceptional.mode, until: facts.exceptional.until };
  }
  const confirmed = facts.grant?.confirmed;
  if (confirmed && now.getTime() - Date.parse(confirmed.at) <= facts.maxAgeMs) {
    return { allowed: true, basis: confirmed.basis };
  }
  return { allowed: false, messageKey: 'errors.offlineAccessUnconfirmed' };
}

const grantSchema = z
  .object({
    /** When this professional recorded the patient's non-opposition. */
    nonOppositionAt: z.iso.datetime().optional(),
    /** When the care team was first found to include this professional (consent presumed). */
    careTeamAt: z.iso.datetime().optional(),
    /** The last ground the source confirmed, and when; cleared by a refusal or a lost ground. */
    confirmed: z
      .object({ basis: z.enum(['care-team', 'non-opposition']), at: z.iso.datetime() })
      .optional(),
  })
  .strict();
export type StandingGrant = z.infer<typeof grantSchema>;

/** Earlier versions kept only the date of the non-opposition: read as such, nothing lost. */
const grantsFileSchema = z.record(
  z.string(),
  z.union([
    grantSchema,
    z.iso.datetime().transform((at): StandingGrant => ({ nonOppositionAt: at })),
  ]),
);

/**
 * The standing grounds of access recorded at this workstation, by professional and patient: the
 * non-oppositions (asked once), the care-team presumptions (recorded once), and the last ground
 * the source confirmed, which is what an offline reading relies on.
 */
export class AccessGrants {
  readonly #file: string;
  /** Read once: access is decided on every document and frame request, not on a file read. */
  readonly #grants: Record<string, StandingGrant>;

  constructor(file: string) {
    this.#file = file;
    this.#grants = readJsonState(file, grantsFileSchema, {});
  }

  #key(clinicianId: string, patientId: string): string {
    return `${clinicianId}|${patientId}`;
  }

  #update(clinicianId: string, patientId: string, change: (grant: StandingGrant) => void): void {
    const key = this.#key(clinicianId, patientId);
    const grant = { ...this.#grants[key] };
    change(grant);
    this.#grants[key] = grant;
    writeJsonState(this.#file, this.#grants);
  }

  get(clinicianId: string, patientId: string): StandingGrant | undefined {
    return this.#grants[this.#key(clinicianId, patientId)];
  }

  recordNonOpposition(clinicianId: string, patientId: string, now: Date): void {
    this.#update(clinicianId, patientId, (grant) => {
      grant.nonOppositionAt = now.toISOString();
    });
  }

  /**
   * Notes the outcome of a decision taken with the source. Returns true the first time the care
   * team is found to include the professional: that presumption is recorded once.
   */
  confirm(
    clinicianId: string,
    patientId: string,
    basis: StandingBasis | undefined,
    now: Date,
  ): boolean {
    let presumedNow = false;
    this.#update(clinicianId, patientId, (grant) => {
      if (basis === 'care-team' && !grant.careTeamAt) {
        grant.careTeamAt = now.toISOString();
        presumedNow = true;
      }
      if (basis) grant.confirmed = { basis, at: now.toISOString() };
      else delete grant.confirmed;
    });
    return presumedNow;
  }
}

/** Why an exceptional mode ended: its time ran out, the user ended it, or the session ended. */
export type ModeEnd = 'expired' | 'ended-by-user' | 'session-ended';

type ModeEndListener = (
  clinicianId: string,
  patientId: string,
  mode: AccessMode,
  why: ModeEnd,
) => void;

/**
 * Exceptional accesses under way, in memory: they end by themselves, and with the session. Each
 * end is told to the listener (for the journal: when the mode stopped is part of the record).
 */
export class ExceptionalAccesses {
  readonly #accesses = new Map<
    string,
    ExceptionalAccess & { clinicianId: string; patientId: string; timer: NodeJS.Timeout }
  >();
  readonly #onEnd: ModeEndListener;

  constructor(onEnd: ModeEndListener = () => undefined) {
    this.#onEnd = onEnd;
  }

  start(
    clinicianId: string,
    patientId: string,
    mode: AccessMode,
    minutes: number,
    now: Date,
  ): string {
    const key = `${clinicianId}|${patientId}`;
    // A mode started again replaces the one under way: one end, at the new time.
    clearTimeout(this.#accesses.get(key)?.timer);
    const until = new Date(now.getTime() + minutes * 60_000).toISOString();
    const timer = setTimeout(() => this.#end(key, 'expired'), minutes * 60_000);
    timer.unref();
    this.#accesses.set(key, { mode, until, clinicianId, patientId, timer });
    return until;
  }

  /** The mode under way now, if any. */
  current(clinicianId: string, patientId: string, now: Date): ExceptionalAccess | undefined {
    const access = this.#accesses.get(`${clinicianId}|${patientId}`);
    return access && access.until > now.toISOString()
      ? { mode: access.mode, until: access.until }
      : undefined;
  }

  /** The user ends the mode before its time; false when none was under way. */
  end(clinicianId: string, patientId: string): boolean {
    const key = `${clinicianId}|${patientId}`;
    if (!this.#accesses.has(key)) return false;
    this.#end(key, 'ended-by-user');
    return true;
  }

  /** The session ended: every mode under way ends with it. */
  clear(): void {
    for (const key of [...this.#accesses.keys()]) this.#end(key, 'session-ended');
  }

  #end(key: string, why: ModeEnd): void {
    const access = this.#accesses.get(key);
    if (!access) return;
    clearTimeout(access.timer);
    this.#accesses.delete(key);
    this.#onEnd(access.clinicianId, access.patientId, access.mode, why);
  }
}
