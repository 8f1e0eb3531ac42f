import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../../electron/host/config/load-config';

function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'regard-config-'));
  return {
    policyFile: join(dir, 'policy.json'),
    userSettingsFile: join(dir, 'settings.json'),
  };
}

describe('loadConfig', () => {
  it('gives French, no sources and no demo when nothing is configured', () => {
    const config = loadConfig({ ...folder(), env: {} });
    expect(config).toMatchObject({ locale: 'fr', records: null, imaging: [], demo: false });
  });

  it('layers policy, then user settings, then environment', () => {
    const files = folder();
    writeFileSync(files.policyFile, JSON.stringify({ locale: 'fr', logLevel: 'warn' }));
    writeFileSync(files.userSettingsFile, JSON.stringify({ locale: 'en', logLevel: 'debug' }));
    const config = loadConfig({ ...files, env: { REGARD_LOG_LEVEL: 'error' } });
    expect(config.locale).toBe('en');
    expect(config.logLevel).toBe('error');
  });

  it('keeps the values of keys the policy locks', () => {
    const files = folder();
    writeFileSync(
      files.policyFile,
      JSON.stringify({
        imaging: [
          { id: 'chu', label: 'PACS CHU', dicomwebUrl: 'https://pacs.chu.example/dicom-web' },
        ],
        locked: ['imaging'],
      }),
    );
    const config = loadConfig({
      ...files,
      env: { REGARD_PACS_URL: 'http://127.0.0.1:9/dicom-web' },
    });
    expect(config.imaging.map((source) => source.dicomwebUrl)).toEqual([
      'https://pacs.chu.example/dicom-web',
    ]);
  });

  it('takes what widens access (habilitations, emergency regulation) from the policy file only', () => {
    const files = folder();
    const policy = {
      habilitations: { '60': { deniedTypes: ['57833-6'] } },
      emergencyRegulation: { allowed: [{ organisationId: 'F750100001' }], minutes: 60 },
    };
    writeFileSync(files.policyFile, JSON.stringify(policy));
    writeFileSync(
      files.userSettingsFile,
      JSON.stringify({
        habilitations: {},
        emergencyRegulation: { allowed: [{ profession: '60' }], minutes: 600 },
      }),
    );
    const config = loadConfig({ ...files, env: {} });
    expect(config.habilitations).toEqual({
      '60': { deniedCategories: [], deniedTypes: ['57833-6'] },
    });
    expect(config.emergencyRegulation).toEqual(policy.emergencyRegulation);
  });

  it('refuses a regulation rule that names nobody (it would let everyone in)', () => {
    const files = folder();
    writeFileSync(
      files.policyFile,
      JSON.stringify({ emergencyRegulation: { allowed: [{}], minutes: 60 } }),
    );
    expect(() => loadConfig({ ...files, env: {} })).toThrow(/emergencyRegulation\.allowed\.0/);
  });

  it('names the file and the key at fault', () => {
    const files = folder();
    writeFileSync(
      files.policyFile,
      JSON.stringify({ imaging: [{ id: 'chu', label: 'PACS', dicomwebUrl: 'ftp://nope' }] }),
    );
    expect(() => loadConfig({ ...files, env: {} })).toThrow(ConfigError);
    expect(() => loadConfig({ ...files, env: {} })).toThrow(
      new RegExp(`policy file ${files.policyFile}: imaging\\.0\\.dicomwebUrl`),
    );
  });

  it('refuses unknown keys and unreadable JSON with a clear origin', () => {
    const files = folder();
    writeFileSync(files.userSettingsFile, JSON.stringify({ lokale: 'fr' }));
    expect(() => loadConfig({ ...files, env: {} })).toThrow(/user settings .*lokale/);
    writeFileSync(files.userSettingsFile, '{ nope');
    expect(() => loadConfig({ ...files, env: {} })).toThrow(/settings\.json: is not valid JSON/);
  });

  it('names the environment variable value that does not parse', () => {
    expect(() => loadConfig({ ...folder(), env: { REGARD_LOCALE: 'de' } })).toThrow(
      /environment: locale/,
    );
  });
});
