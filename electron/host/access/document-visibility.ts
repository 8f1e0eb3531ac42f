import type { DocumentEntry } from '../../../shared/domain/document';

/**
 * Which documents a professional may see. A document the patient masked from professionals
 * (visibility MASQUE_PS) is never sent to the renderer: not listed, not retrievable, not counted.
 */
export function isShownToProfessionals(entry: DocumentEntry): boolean {
  return !entry.labels.maskedFromProfessionals;
}

/** The documents a profession may not read, from the policy's habilitation matrix. */
export interface ProfessionRestriction {
  deniedCategories: readonly string[];
  deniedTypes: readonly string[];
}

/** The restriction the policy's matrix sets for a profession (ANS TRE_G15), if any. */
export function restrictionOf(
  habilitations: Readonly<Record<string, ProfessionRestriction>>,
  profession: string | undefined,
): ProfessionRestriction | undefined {
  return profession ? habilitations[profession] : undefined;
}

/** Whether this document may be shown, or told about, to a professional of this profession. */
export function isVisibleTo(entry: DocumentEntry, restriction: ProfessionRestriction | undefined) {
  return isShownToProfessionals(entry) && isAllowedForProfession(entry, restriction);
}

export function isAllowedForProfession(
  entry: DocumentEntry,
  restriction: ProfessionRestriction | undefined,
): boolean {
  if (!restriction) return true;
  if (entry.category && restriction.deniedCategories.includes(entry.category.code)) return false;
  if (entry.type && restriction.deniedTypes.includes(entry.type.code)) return false;
  return true;
}
