import { text } from 'node:stream/consumers';
import type { StudySummary } from '../../../shared/domain/study';
import { studySummaryFromQido } from '../../../shared/dicom/qido-study';
import type { DicomwebGateway } from './gateway';

const INCLUDE_FIELDS = ['00081030', '00080061', '00180015', '00201206', '00201208', '00080090'];

export interface StudySearchResult {
  studies: StudySummary[];
  /** Sources that could not be searched; their studies are missing, and the user is told. */
  unavailable: string[];
}

/**
 * Finds a patient's studies on every configured imaging source (QIDO-RS by the INS as PatientID),
 * through the gateway so that credentials, allowlist and audit apply as for the renderer.
 */
export async function searchStudies(
  gateway: DicomwebGateway,
  sourceIds: readonly string[],
  patientId: string,
  signal: AbortSignal,
): Promise<StudySearchResult> {
  const results = await Promise.all(
    sourceIds.map(async (sourceId) => {
      const answer = await gateway.handle({
        method: 'GET',
        sourceId,
        path: 'studies',
        search: `PatientID=${patientId}&includefield=${INCLUDE_FIELDS.join(',')}`,
        accept: 'application/dicom+json',
        signal,
      });
      if (answer.status === 204) return { sourceId, studies: [] };
      if (answer.status !== 200 || !answer.body) {
        answer.body?.resume();
        return { sourceId, studies: undefined };
      }
      try {
        const body = await text(answer.body);
        const parsed: unknown = body.trim() === '' ? [] : JSON.parse(body);
        const list = Array.isArray(parsed) ? parsed : [];
        return {
          sourceId,
          studies: list.flatMap((item) => studySummaryFromQido(item, sourceId) ?? []),
        };
      } catch {
        return { sourceId, studies: undefined };
      }
    }),
  );
  return {
    studies: results.flatMap((result) => result.studies ?? []),
    unavailable: results.filter((result) => result.studies === undefined).map((r) => r.sourceId),
  };
}
