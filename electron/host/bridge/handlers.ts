import type { AccessPoint } from '../access/access-point';
import type { RegardConfig } from '../config/schema';
import { HostError } from '../errors';
import type { Logger } from '../logging/logger';
import type { FhirClient } from '../records/fhir-client';
import { searchPatients } from '../records/patient-search';
import type { BridgeHandlers } from './dispatch';

export interface HandlerDependencies {
  config: RegardConfig;
  hostKind: 'electron' | 'browser';
  version: string;
  access: AccessPoint;
  logger: Logger;
  records: FhirClient | undefined;
}

/** The host's side of every bridge call; each patient-data call goes through the access point. */
export function createBridgeHandlers(deps: HandlerDependencies): BridgeHandlers {
  const { config, access, logger } = deps;
  return {
    getAppInfo: async () => ({
      version: deps.version,
      host: deps.hostKind,
      demo: config.demo,
      locale: config.locale,
      sources: {
        records: config.records ? { label: config.records.label } : null,
        imaging: config.imaging.map(({ id, label }) => ({
          id,
          label,
          gatewayBase: deps.hostKind === 'electron' ? `pacs://${id}/` : `pacs/${id}/`,
        })),
      },
    }),

    searchPatients: async (request, context) => {
      const records = deps.records;
      if (!records) throw new HostError('unavailable', 'errors.noRecordSource');
      const found = await access.run({ action: 'patient.search', target: 'records' }, () =>
        searchPatients(records, request, context.signal),
      );
      for (const patient of found.patients) {
        logger.redactor.remember([
          patient.identity.birthFamilyName,
          patient.identity.usedFamilyName,
          ...patient.identity.firstNames,
          patient.ins?.value,
        ]);
      }
      logger.info('records.patients-found', {
        count: found.patients.length,
        by: /^\d+$/.test(request.text) ? 'ins' : request.text ? 'name' : 'all',
      });
      if (found.skipped > 0) logger.warn('records.patients-skipped', { count: found.skipped });
      return { patients: found.patients };
    },
  };
}
