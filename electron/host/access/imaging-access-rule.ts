import type { AccessRule } from './access-point';

/**
 * With login, images are served as records are: only for a patient whose record is open and whose
 * access holds now. A study the source cannot tie to such a patient is refused.
 */
export function imagingAccessRule(
  loginRequired: () => boolean,
  refusalFor: (patientRef: string) => string | undefined,
): AccessRule {
  return (request) => {
    if (!loginRequired() || !request.action.startsWith('imaging.')) return undefined;
    if (!request.patientRef) return 'errors.imagingOfNoOpenPatient';
    return refusalFor(request.patientRef);
  };
}
