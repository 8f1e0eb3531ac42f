import type { PatientSummary } from '../../../shared/domain/patient';
import { HostError } from '../errors';

const MAX_OPEN = 50;

/**
 * The patients opened in this session. Document and image calls name a patient by id; only a
 * patient opened through the access point (and so journalled) can be named.
 */
export class OpenPatients {
  readonly #patients = new Map<string, PatientSummary>();

  add(patient: PatientSummary): void {
    this.#patients.delete(patient.id);
    this.#patients.set(patient.id, patient);
    if (this.#patients.size > MAX_OPEN) {
      const oldest = this.#patients.keys().next().value;
      if (oldest !== undefined) this.#patients.delete(oldest);
    }
  }

  get(patientId: string): PatientSummary {
    const patient = this.#patients.get(patientId);
    if (!patient) throw new HostError('refused', 'errors.patientNotOpen');
    return patient;
  }

  /** The first open patient that matches, if any. */
  find(matches: (patient: PatientSummary) => boolean): PatientSummary | undefined {
    for (const patient of this.#patients.values()) if (matches(patient)) return patient;
    return undefined;
  }

  /** Forgets every open patient (the session ended). */
  clear(): void {
    this.#patients.clear();
  }
}
