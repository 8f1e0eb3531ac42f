import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../electron/host/config/load-config';
import { reportStartupFailure } from '../../../electron/main/startup-failure';
import { ElectronDouble } from '../../support/electron-double';
import { tempDir } from './fixtures';

describe('reportStartupFailure', () => {
  it('shows the configuration error, naming the key, then quits', () => {
    const double = new ElectronDouble({ userData: tempDir() });
    reportStartupFailure(
      double.app,
      double.dialog,
      new ConfigError('policy file /etc/regard/policy.json: imaging.0.dicomwebUrl: Invalid URL'),
    );
    expect(double.dialog.errorBoxes).toHaveLength(1);
    const [box] = double.dialog.errorBoxes;
    expect(box?.title).toBe('Regard');
    expect(box?.content).toContain('La configuration de Regard ne peut pas être utilisée');
    expect(box?.content).toContain('imaging.0.dicomwebUrl');
    expect(double.app.quitRequests).toBe(1);
  });

  it('speaks English to an English system and reports other failures as such', () => {
    const double = new ElectronDouble({ userData: tempDir(), locale: 'en-GB' });
    reportStartupFailure(double.app, double.dialog, new Error('EACCES: permission denied'));
    expect(double.dialog.errorBoxes[0]?.content).toBe(
      'Regard cannot start:\n\nEACCES: permission denied',
    );
    expect(double.app.quitRequests).toBe(1);
  });
});
