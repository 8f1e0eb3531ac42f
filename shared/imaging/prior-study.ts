import type { StudySummary } from '../domain/study';

const NON_IMAGE = new Set(['KO', 'PR', 'SR']);

function imageModalities(study: StudySummary): string[] {
  return study.modalities.filter((modality) => !NON_IMAGE.has(modality));
}

/**
 * The most recent earlier study of the same modality and body region, as a radiologist compares
 * with. Where either study names no body part, the modality alone decides.
 */
export function findPrior(
  current: StudySummary,
  studies: readonly StudySummary[],
): StudySummary | undefined {
  const modalities = new Set(imageModalities(current));
  const date = current.date ?? '';
  const region = current.bodyPart?.toUpperCase();
  return studies
    .filter(
      (candidate) =>
        candidate.studyInstanceUid !== current.studyInstanceUid &&
        (candidate.date ?? '') < date &&
        imageModalities(candidate).some((modality) => modalities.has(modality)) &&
        (!region || !candidate.bodyPart || candidate.bodyPart.toUpperCase() === region),
    )
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))[0];
}
