import type { DocumentEntry } from '../../../shared/domain/document';

/**
 * Which documents a professional may see. A document the patient masked from professionals
 * (visibility MASQUE_PS) is never sent to the renderer: not listed, not retrievable, not counted.
 */
export function isShownToProfessionals(entry: DocumentEntry): boolean {
  return !entry.labels.maskedFromProfessionals;
}
