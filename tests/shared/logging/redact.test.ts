import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../shared/logging/redact';

describe('Redactor', () => {
  it('masks values under sensitive keys at any depth', () => {
    const redactor = new Redactor();
    const out = redactor.redactValue({
      channel: 'searchPatients',
      request: { patientName: 'DURAND', nested: { authorization: 'Basic abc' } },
      count: 3,
    });
    expect(out).toEqual({
      channel: 'searchPatients',
      request: { patientName: '[redacted]', nested: { authorization: '[redacted]' } },
      count: 3,
    });
  });

  it('masks INS numbers, bearer tokens and query values inside free text', () => {
    const redactor = new Redactor();
    const line = redactor.redactString(
      'GET /Patient?identifier=urn:oid:1.2.250.1.213.1.4.10|279035121518989&_count=5 Bearer eyJhbGciOi.x.y 1790512345678',
    );
    expect(line).not.toContain('279035121518989');
    expect(line).not.toContain('1790512345678');
    expect(line).not.toContain('eyJhbGciOi');
    expect(line).toContain('/Patient?identifier=[redacted]&_count=[redacted]');
    expect(line).toContain('Bearer [redacted]');
  });

  it('masks the names of patients it was told about, wherever they appear', () => {
    const redactor = new Redactor();
    redactor.remember(['Zoé', 'LEFEBVRE-MARTIN', undefined, 'ab']);
    expect(redactor.redactString('failed for LEFEBVRE-MARTIN Zoé (ab)')).toBe(
      'failed for [redacted] [redacted] (ab)',
    );
  });

  it('reduces errors to their name and a redacted message', () => {
    const redactor = new Redactor();
    const out = redactor.redactValue({ failure: new TypeError('bad INS 2790351215189') });
    expect(out).toEqual({ failure: { name: 'TypeError', message: 'bad INS [redacted]' } });
  });
});
