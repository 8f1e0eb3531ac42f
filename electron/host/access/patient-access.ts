import type { PatientSummary } from '../../../shared/domain/patient';
import type { AuditJournal } from '../audit/journal';
import { HostError } from '../errors';
import type { WorkstationSession } from '../identity/workstation-session';
import type { RecordSource } from '../records/mhd-record-source';
import type { OpenPatients } from '../records/open-patients';
import type { ProfessionalRelation } from '../records/professional-relation';
import {
  decideOfflineAccess,
  decideRecordAccess,
  type AccessDecision,
  type AccessGrants,
  type ExceptionalAccesses,
} from './record-access';

export interface PatientAccessDependencies {
  session: WorkstationSession;
  grants: AccessGrants;
  exceptional: ExceptionalAccesses;
  openPatients: OpenPatients;
  journal: AuditJournal;
  /** How old a ground confirmed with the source may be for an offline reading. */
  offlineMaxAgeMs: number;
}

/**
 * The access conditions of the signed-in professional for each patient, applied the same way to
 * records and to images: decided with the source when a record opens, then held (or not) for
 * every later call, as modes end and sessions change.
 */
export class PatientAccess {
  readonly #deps: PatientAccessDependencies;
  /** What the source said of the signed-in professional and each patient, when last opened. */
  readonly #relations = new Map<string, ProfessionalRelation>();

  constructor(deps: PatientAccessDependencies) {
    this.#deps = deps;
  }

  /** The conditions for this patient, now, on what the source said when the record opened. */
  decide(patient: PatientSummary): AccessDecision {
    const { session, grants, exceptional } = this.#deps;
    const clinicianId = session.clinicianId();
    return decideRecordAccess(
      {
        clinicianId: session.enabled ? (clinicianId ?? '') : undefined,
        patient,
        relation: this.#relations.get(`${clinicianId}|${patient.id}`) ?? {
          blocked: false,
          careTeam: false,
        },
        nonOppositionRecorded: clinicianId
          ? grants.get(clinicianId, patient.id)?.nonOppositionAt !== undefined
          : false,
        exceptional: clinicianId
          ? exceptional.current(clinicianId, patient.id, new Date())
          : undefined,
      },
      new Date(),
    );
  }

  /**
   * Asks the source about this professional and this patient, decides, and notes the ground for
   * later offline readings; the care-team presumption is journalled the first time it is found.
   */
  async decideWithSource(
    records: RecordSource,
    patient: PatientSummary,
    signal: AbortSignal | undefined,
  ): Promise<AccessDecision> {
    const { session, grants, journal } = this.#deps;
    const clinician = session.clinician();
    const clinicianId = session.clinicianId();
    if (!clinician || !clinicianId) return this.decide(patient);
    this.#relations.set(
      `${clinicianId}|${patient.id}`,
      await records.professionalRelation(
        patient.id,
        {
          nationalId: clinician.nationalId,
          organisationId: clinician.organisation?.id ?? undefined,
        },
        signal,
      ),
    );
    const decision = this.decide(patient);
    const standing =
      decision.allowed && (decision.basis === 'care-team' || decision.basis === 'non-opposition')
        ? decision.basis
        : undefined;
    if (grants.confirm(clinicianId, patient.id, standing, new Date())) {
      journal.append({
        actor: clinicianId,
        action: 'consent.record',
        patientRef: patient.id,
        target: 'care-team',
        outcome: 'success',
      });
    }
    return decision;
  }

  /** Whether a record kept in the cache may be read while its source cannot be reached. */
  decideOffline(patientId: string): AccessDecision {
    const { session, grants, exceptional, offlineMaxAgeMs } = this.#deps;
    const clinicianId = session.clinicianId();
    return decideOfflineAccess(
      {
        clinicianId: session.enabled ? (clinicianId ?? '') : undefined,
        grant: clinicianId ? grants.get(clinicianId, patientId) : undefined,
        exceptional: clinicianId
          ? exceptional.current(clinicianId, patientId, new Date())
          : undefined,
        maxAgeMs: offlineMaxAgeMs,
      },
      new Date(),
    );
  }

  /** An open patient whose access still holds (an exceptional mode ends by itself). */
  accessiblePatient(patientId: string): PatientSummary {
    const patient = this.#deps.openPatients.get(patientId);
    const decision = this.decide(patient);
    if (!decision.allowed) throw new HostError('refused', decision.messageKey);
    return patient;
  }

  /** Why this patient's data may not be served now; undefined when it may. */
  refusalFor(patientId: string): string | undefined {
    try {
      this.accessiblePatient(patientId);
      return undefined;
    } catch (error) {
      return error instanceof HostError ? error.messageKey : 'errors.patientNotOpen';
    }
  }

  /** The open patient identified by this INS, whose access holds now. */
  accessiblePatientWithIns(ins: string): PatientSummary | undefined {
    const patient = this.#deps.openPatients.find((open) => open.ins?.value === ins);
    return patient && this.refusalFor(patient.id) === undefined ? patient : undefined;
  }

  /** The session ended: what the source said and the modes under way go with it. */
  endSession(): void {
    this.#relations.clear();
    this.#deps.exceptional.clear();
  }
}
