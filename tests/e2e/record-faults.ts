import { e2eEnv } from './e2e-env';

/** Drives the test bed record server's fault injection (`/_testbed/faults`). */
export async function setRecordFaults(faults: {
  latencyMs?: number;
  failNext?: { count: number; status: 401 | 404 | 500 | 503 };
  malformNext?: number;
}): Promise<void> {
  const url = new URL('/_testbed/faults', e2eEnv().recordsUrl);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  if (!response.ok) throw new Error(`fault injection refused: ${response.status}`);
}

export async function clearRecordFaults(): Promise<void> {
  await fetch(new URL('/_testbed/faults', e2eEnv().recordsUrl), { method: 'DELETE' });
}
