const KEY = 'regard.recent-patients';
const MAX = 20;

/**
 * The opaque ids of the patients opened lately on this workstation, so that their cached records
 * can be offered offline. Only ids: names and identifiers stay in the encrypted cache.
 */
export function recentPatientIds(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberRecentPatient(patientId: string): void {
  const ids = [patientId, ...recentPatientIds().filter((id) => id !== patientId)].slice(0, MAX);
  localStorage.setItem(KEY, JSON.stringify(ids));
}

export function forgetRecentPatient(patientId: string): void {
  localStorage.setItem(KEY, JSON.stringify(recentPatientIds().filter((id) => id !== patientId)));
}
