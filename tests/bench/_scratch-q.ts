import { startRecordServer } from '../testbed/record-server/server';
import {
  DEFAULT_DICOMWEB_BASE_URL,
  ensureSyntheticData,
  loadIntoRecordServer,
  patientByKey,
} from '../testbed/synthetic';
const records = await startRecordServer();
const data = await ensureSyntheticData({ dicomwebBaseUrl: DEFAULT_DICOMWEB_BASE_URL });
await loadIntoRecordServer(records.baseUrl, data.records);
for (const key of ['scale', 'main'] as const) {
  const ins = patientByKey(key).ins;
  for (const extra of [
    '&status=current&period=ge2024-11-23',
    '&status=current',
    '&period=ge2024-11-23',
    '&date=ge2024-11-23',
    '',
  ]) {
    const url = `${records.baseUrl}/DocumentReference?patient.identifier=urn:oid:1.2.250.1.213.1.4.10|${ins}${extra}&_sort=-date&_count=200`;
    const t = performance.now();
    const r = await fetch(url);
    const j = (await r.json()) as { total?: number; entry?: unknown[]; issue?: unknown };
    console.log(
      key,
      extra,
      r.status,
      j.total,
      j.entry?.length,
      (performance.now() - t).toFixed(1),
      JSON.stringify(j.issue ?? '').slice(0, 200),
    );
  }
}
await records.close();
