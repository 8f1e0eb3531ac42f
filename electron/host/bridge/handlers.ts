import type { PatientSummary } from '../../../shared/domain/patient';
import type { AccessPoint } from '../access/access-point';
import { auditBundle, auditEventOf } from '../audit/audit-event';
import type { AuditJournal } from '../audit/journal';
import type { WorkstationSession } from '../identity/workstation-session';
import type { RegardConfig } from '../config/schema';
import type { DicomwebGateway } from '../dicomweb/gateway';
import {
  isAllowedForProfession,
  isShownToProfessionals,
  restrictionOf,
} from '../access/document-visibility';
import type { PatientAccess } from '../access/patient-access';
import type { AccessDecision, AccessGrants, ExceptionalAccesses } from '../access/record-access';
import { mayRegulate } from '../access/regulation-rights';
import { resolveRetrieveUrl } from '../dicomweb/resolve-retrieve-url';
import { searchStudies } from '../dicomweb/study-search';
import { HostError } from '../errors';
import type { Logger } from '../logging/logger';
import type { OpenPatients } from '../records/open-patients';
import type { RecordSource } from '../records/mhd-record-source';
import type { VisitStore } from '../records/visit-store';
import type { DocumentWatcher } from '../records/document-watcher';
import type { WatchList } from '../records/watch-list';
import type { CacheKeyStore } from '../keys/cache-key-store';
import type { BridgeHandlers } from './dispatch';

export interface HandlerDependencies {
  config: RegardConfig;
  hostKind: 'electron' | 'browser';
  version: string;
  access: AccessPoint;
  logger: Logger;
  records: RecordSource | undefined;
  gateway: DicomwebGateway;
  openPatients: OpenPatients;
  visits: VisitStore;
  cacheKeys: CacheKeyStore;
  watchList: WatchList;
  watcher: DocumentWatcher | undefined;
  journal: AuditJournal;
  session: WorkstationSession;
  patientAccess: PatientAccess;
  grants: AccessGrants;
  exceptional: ExceptionalAccesses;
  /** Names this workstation in audit exports. */
  workstation: string;
}

/** Names and identifiers seen in patient data are handed to the redactor before anything logs. */
function rememberIdentity(logger: Logger, patient: PatientSummary): void {
  logger.redactor.remember([
    patient.identity.birthFamilyName,
    patient.identity.usedFamilyName,
    ...patient.identity.firstNames,
    patient.ins?.value,
  ]);
}

/** The ground of an open record as the renderer sees it. */
function accessView(granted: Extract<AccessDecision, { allowed: true }> | undefined) {
  return {
    basis: granted?.basis ?? 'no-login',
    ...(granted?.until ? { until: granted.until } : {}),
  };
}

/** The host's side of every bridge call; each patient-data call goes through the access point. */
export function createBridgeHandlers(deps: HandlerDependencies): BridgeHandlers {
  const { config, access, logger, openPatients } = deps;
  const professionRestriction = () =>
    restrictionOf(config.habilitations, deps.session.profession());
  const accessiblePatient = (patientId: string) => deps.patientAccess.accessiblePatient(patientId);
  const recordSource = (): RecordSource => {
    if (!deps.records) throw new HostError('unavailable', 'errors.noRecordSource');
    return deps.records;
  };

  return {
    getAppInfo: async () => ({
      version: deps.version,
      cache: {
        budgetBytes: config.cache.budgetMb * 1024 * 1024,
        maxAgeMs: config.cache.maxAgeDays * 24 * 60 * 60 * 1000,
      },
      host: deps.hostKind,
      demo: config.demo,
      idleLockMinutes: config.identity ? config.idleLockMinutes : 0,
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
      const records = recordSource();
      const found = await access.run({ action: 'patient.search', target: 'records' }, () =>
        records.searchPatients(request, context.signal),
      );
      for (const patient of found.patients) rememberIdentity(logger, patient);
      logger.info('records.patients-found', {
        count: found.patients.length,
        by: /^\d+$/.test(request.text) ? 'ins' : request.text ? 'name' : 'all',
      });
      if (found.skipped > 0) logger.warn('records.patients-skipped', { count: found.skipped });
      return { patients: found.patients };
    },

    openPatient: async ({ patientId }, context) => {
      const records = recordSource();
      let decision: AccessDecision | undefined;
      const patient = await access.run(
        { action: 'patient.read', patientRef: patientId },
        async () => {
          const found = await records.readPatient(patientId, context.signal);
          // Decided before anything of the patient leaves the host; a refusal is journalled.
          decision = await deps.patientAccess.decideWithSource(records, found, context.signal);
          if (!decision.allowed) throw new HostError('refused', decision.messageKey);
          return found;
        },
      );
      rememberIdentity(logger, patient);
      openPatients.add(patient);
      const lastVisit = deps.visits.visit(deps.session.actor(), patientId);
      // What the user now sees on screen is not news to notify.
      deps.watcher?.watchFrom(patientId, new Date().toISOString());
      const granted = decision?.allowed ? decision : undefined;
      return {
        patient,
        following: deps.watchList.isFollowing(deps.session.actor(), patientId),
        ...(lastVisit ? { lastVisit } : {}),
        access: accessView(granted),
      };
    },

    openCachedPatient: async ({ patientId }) => {
      const decision = deps.patientAccess.decideOffline(patientId);
      await access.run({ action: 'patient.read', patientRef: patientId, target: 'cache' }, () => {
        if (!decision.allowed) throw new HostError('refused', decision.messageKey);
        return Promise.resolve();
      });
      return { access: accessView(decision.allowed ? decision : undefined) };
    },

    recordNonOpposition: async ({ patientId }) => {
      const clinicianId = deps.session.clinicianId();
      if (!clinicianId) return { recorded: false };
      deps.grants.recordNonOpposition(clinicianId, patientId, new Date());
      deps.journal.append({
        actor: clinicianId,
        action: 'consent.record',
        patientRef: patientId,
        target: 'non-opposition',
        outcome: 'success',
      });
      return { recorded: true };
    },

    startBreakGlass: async ({ patientId, reason }) => {
      const clinicianId = deps.session.clinicianId();
      if (!clinicianId) throw new HostError('refused', 'errors.notSignedIn');
      const until = deps.exceptional.start(
        clinicianId,
        patientId,
        'break-glass',
        config.breakGlassMinutes,
        new Date(),
      );
      // The stated reason is part of the record the patient will see; sealed at rest.
      deps.journal.append({
        actor: clinicianId,
        action: 'mode.break-glass',
        patientRef: patientId,
        mode: 'break-glass',
        note: reason,
        outcome: 'success',
      });
      return { until };
    },

    startRegulation: async ({ patientId }) => {
      const clinicianId = deps.session.clinicianId();
      if (!clinicianId) throw new HostError('refused', 'errors.notSignedIn');
      if (!mayRegulate(deps.session.clinician(), config.emergencyRegulation)) {
        throw new HostError('refused', 'errors.regulationNotAllowed');
      }
      const until = deps.exceptional.start(
        clinicianId,
        patientId,
        'regulation',
        config.emergencyRegulation.minutes,
        new Date(),
      );
      deps.journal.append({
        actor: clinicianId,
        action: 'mode.regulation',
        patientRef: patientId,
        mode: 'regulation',
        outcome: 'success',
      });
      return { until };
    },

    endExceptionalAccess: async ({ patientId }) => {
      const clinicianId = deps.session.clinicianId();
      return { ended: clinicianId ? deps.exceptional.end(clinicianId, patientId) : false };
    },

    followPatient: async ({ patientId, follow }) => {
      openPatients.get(patientId);
      const following = deps.watchList.set(deps.session.actor(), patientId, follow);
      if (following) deps.watcher?.watchFrom(patientId, new Date().toISOString());
      return { following };
    },

    listDocuments: async ({ patientId, scope, cursor }, context) => {
      const patient = accessiblePatient(patientId);
      const records = recordSource();
      const page = await access.run(
        { action: 'document.search', patientRef: patientId, target: scope },
        () => records.findDocuments({ patient, scope }, cursor, context.signal),
      );
      if (page.skipped > 0) logger.warn('records.documents-skipped', { count: page.skipped });
      const visible = page.documents.filter(isShownToProfessionals);
      const restriction = professionRestriction();
      const shown = visible.filter((entry) => isAllowedForProfession(entry, restriction));
      const hidden = page.documents.length - shown.length;
      return {
        documents: shown,
        skipped: page.skipped,
        restricted: visible.length - shown.length,
        ...(page.next ? { next: page.next } : {}),
        ...(page.total !== undefined ? { total: Math.max(0, page.total - hidden) } : {}),
      };
    },

    listStudies: async ({ patientId }, context) => {
      const patient = accessiblePatient(patientId);
      if (!patient.ins) return { studies: [], unavailable: [] };
      const controller = new AbortController();
      context.signal?.addEventListener('abort', () => controller.abort());
      const found = await searchStudies(
        deps.gateway,
        config.imaging.map((source) => source.id),
        patient.ins.value,
        controller.signal,
      );
      access.linkStudies(
        patientId,
        found.studies.map((study) => study.studyInstanceUid),
      );
      return found;
    },

    resolveImagingUrl: async ({ url }) => {
      const resolved = resolveRetrieveUrl(url, config.imaging);
      if (!resolved) throw new HostError('refused', 'errors.imagingUrlRefused');
      return resolved;
    },

    retrieveDocument: async ({ patientId, logicalId }, context) => {
      const patient = accessiblePatient(patientId);
      const records = recordSource();
      const { entry, bytes } = await access.run(
        { action: 'document.read', patientRef: patientId, target: logicalId },
        async () => {
          const found = await records.retrieveDocument(patient, logicalId, context.signal);
          // A masked document is refused as if absent: its existence is not disclosed.
          if (!isShownToProfessionals(found.entry)) {
            throw new HostError('not-found', 'errors.recordsNotFound');
          }
          if (!isAllowedForProfession(found.entry, professionRestriction())) {
            throw new HostError('refused', 'errors.notAllowedForProfession');
          }
          return found;
        },
      );
      return { contentType: entry.contentType, base64: Buffer.from(bytes).toString('base64') };
    },

    getSession: async () => deps.session.view(),

    login: async () => {
      if (!deps.session.enabled) return { started: false };
      void deps.session.login();
      return { started: true };
    },

    lock: async () => {
      deps.session.lock();
      return deps.session.view();
    },

    logout: async () => {
      await deps.session.logout();
      openPatients.clear();
      deps.patientAccess.endSession();
      // The cache key goes with the session: the renderer erases its database.
      await deps.cacheKeys.forget();
      return deps.session.view();
    },

    accessHistory: async ({ patientId }) => {
      const { records, check } = deps.journal.read();
      const entries = records
        .filter((record) => record.patientRef === patientId)
        .reverse()
        .slice(0, 10_000)
        .map((record) => {
          const note = deps.journal.openNote(record);
          return {
            time: record.time,
            actor: record.actor,
            action: record.action,
            outcome: record.outcome,
            ...(record.target ? { target: record.target } : {}),
            ...(record.mode ? { mode: record.mode } : {}),
            ...(note
              ? 'text' in note
                ? { note: note.text }
                : { noteUnavailable: note.unavailable }
              : {}),
          };
        });
      return { entries, chain: check };
    },

    exportAudit: async ({ patientId }) => {
      const { records } = deps.journal.read();
      const events = records
        .filter((record) => record.patientRef === patientId)
        .map((record) => auditEventOf(record, deps.workstation, deps.journal.openNote(record)));
      return { json: JSON.stringify(auditBundle(events, new Date()), null, 2) };
    },

    getCacheKey: async () => {
      const { protection, key, renewed } = await deps.cacheKeys.load();
      return {
        protection,
        renewed,
        ...(key ? { keyBase64: Buffer.from(key).toString('base64') } : {}),
      };
    },

    forgetCacheKey: async () => ({ forgotten: await deps.cacheKeys.forget() }),
  };
}
