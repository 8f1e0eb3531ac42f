import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccessPoint } from '../../../../electron/host/access/access-point';
import { AuditJournal, verifyJournal } from '../../../../electron/host/audit/journal';
import { HostError } from '../../../../electron/host/errors';
import { createLogger } from '../../../../electron/host/logging/logger';

function setup() {
  const file = join(mkdtempSync(join(tmpdir(), 'regard-access-')), 'journal.jsonl');
  const journal = new AuditJournal(file);
  const access = new AccessPoint(journal, createLogger(), () => 'os:clinician');
  const records = () =>
    readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { file, access, records };
}

describe('AccessPoint', () => {
  it('journals who did what to which patient with the outcome', async () => {
    const { access, records, file } = setup();
    const value = await access.run({ action: 'patient.read', patientRef: 'p1' }, async () => 42);
    expect(value).toBe(42);
    expect(records()).toMatchObject([
      { actor: 'os:clinician', action: 'patient.read', patientRef: 'p1', outcome: 'success' },
    ]);
    expect(verifyJournal(file)).toEqual({ ok: true, count: 1 });
  });

  it('journals a failure and lets the error through', async () => {
    const { access, records } = setup();
    await expect(
      access.run({ action: 'document.read', patientRef: 'p1' }, async () => {
        throw new HostError('unavailable', 'errors.recordsUnreachable');
      }),
    ).rejects.toThrow(HostError);
    expect(records()).toMatchObject([{ action: 'document.read', outcome: 'failure' }]);
  });

  it('refuses before the call when a rule says no, and journals the refusal', async () => {
    const { access, records } = setup();
    access.addRule((request) =>
      request.action === 'document.read' ? 'errors.notAllowed' : undefined,
    );
    let called = false;
    await expect(
      access.run({ action: 'document.read', patientRef: 'p1' }, async () => {
        called = true;
      }),
    ).rejects.toMatchObject({ code: 'refused', messageKey: 'errors.notAllowed' });
    expect(called).toBe(false);
    expect(records()).toMatchObject([{ action: 'document.read', outcome: 'refused' }]);
  });

  it('journals an imaging study once, however many frames are loaded', async () => {
    const { access, records } = setup();
    for (let frame = 0; frame < 5; frame += 1) {
      await access.runImaging('1.2.3', async () => frame);
    }
    await access.runImaging('1.2.4', async () => 0);
    expect(records().map((record) => [record.action, record.target])).toEqual([
      ['imaging.retrieve', '1.2.3'],
      ['imaging.retrieve', '1.2.4'],
    ]);
  });
});
