import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { AccessPoint } from './access/access-point';
import { AuditJournal } from './audit/journal';
import { NoteSealer } from './audit/note-sealer';
import { createBridgeHandlers } from './bridge/handlers';
import type { BridgeHandlers } from './bridge/dispatch';
import { HostEvents } from './bridge/host-events';
import type { RegardConfig } from './config/schema';
import { DicomwebGateway } from './dicomweb/gateway';
import type { CacheKeyStore } from './keys/cache-key-store';
import { FileCacheKeyStore } from './keys/file-cache-key-store';
import { createLogger, type Logger } from './logging/logger';
import { AccessGrants, ExceptionalAccesses } from './access/record-access';
import { mayRegulate } from './access/regulation-rights';
import { PatientAccess } from './access/patient-access';
import { imagingAccessRule } from './access/imaging-access-rule';
import { isVisibleTo, restrictionOf } from './access/document-visibility';
import { AuditForwarder } from './audit/audit-forwarder';
import { LoginService } from './identity/login-service';
import { WorkstationSession } from './identity/workstation-session';
import { FhirClient } from './records/fhir-client';
import { MhdRecordSource } from './records/mhd-record-source';
import { OpenPatients } from './records/open-patients';
import { VisitStore } from './records/visit-store';
import { DocumentWatcher } from './records/document-watcher';
import { WatchList } from './records/watch-list';

/** How often the journal's new records are sent to the record source, where it takes them. */
const AUDIT_FORWARD_INTERVAL_MS = 15_000;

export interface HostServiceOptions {
  config: RegardConfig;
  /** Where the journal and logs live: the user's application data folder. */
  dataDir: string;
  hostKind: 'electron' | 'browser';
  version: string;
  logToConsole?: boolean;
  /** Where the cache key is kept: the OS key store in Electron; a user-only file by default. */
  cacheKeys?: CacheKeyStore;
  /** Where the key sealing the journal's free text is kept; unlike the cache key, never forgotten. */
  journalKeys?: CacheKeyStore;
  /**
   * Opens the login provider's page in the user's system browser (Electron: shell.openExternal).
   * Without it, the page is handed to the renderer as a `loginPage` event (the browser host).
   */
  openExternal?: (url: string) => Promise<void>;
}

export interface HostServices {
  readonly config: RegardConfig;
  readonly logger: Logger;
  readonly journal: AuditJournal;
  readonly access: AccessPoint;
  readonly gateway: DicomwebGateway;
  readonly handlers: BridgeHandlers;
  readonly events: HostEvents;
  readonly session: WorkstationSession;
  /** Settles once the journal's key is loaded (or known to be unavailable). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds every host service from the configuration. Plain Node: the Electron main process and the
 * browser host both wire this one set of services to their own door.
 */
export function createHostServices(options: HostServiceOptions): HostServices {
  const { config } = options;
  const logger = createLogger({
    file: join(options.dataDir, 'logs', 'regard.log'),
    console: options.logToConsole ?? false,
    level: config.logLevel,
  });
  const journal = new AuditJournal(join(options.dataDir, 'audit', 'journal.jsonl'));
  const journalKeys =
    options.journalKeys ?? new FileCacheKeyStore(join(options.dataDir, 'keys', 'journal.key'));
  // Until the key is there (or where none can be kept), notes are withheld, never written in clear.
  const journalKeyLoaded = journalKeys.load().then(
    ({ key }) => {
      if (key) journal.useSealer(new NoteSealer(key));
    },
    () => logger.warn('audit.journal-key-unavailable', {}),
  );
  const events = new HostEvents();
  const login = config.identity
    ? new LoginService({
        config: config.identity,
        logger,
        openExternal: options.openExternal ?? (async (url) => events.emit('loginPage', { url })),
      })
    : undefined;
  // Without login configured, the actor is the operating-system account.
  const session = new WorkstationSession({
    login,
    journal,
    logger,
    fallbackActor: `os:${userInfo().username}`,
    mayRegulate: (clinician) => mayRegulate(clinician, config.emergencyRegulation),
  });
  session.onChange((view) => events.emit('sessionChanged', view));
  const exceptional = new ExceptionalAccesses((clinicianId, patientId, mode, why) =>
    journal.append({
      actor: clinicianId,
      action: mode === 'break-glass' ? 'mode.break-glass.end' : 'mode.regulation.end',
      patientRef: patientId,
      target: why,
      mode,
      outcome: 'success',
    }),
  );
  // Named as before: the non-oppositions recorded by earlier versions still count.
  const grants = new AccessGrants(join(options.dataDir, 'consents.json'));
  const openPatients = new OpenPatients();
  const patientAccess = new PatientAccess({
    session,
    grants,
    exceptional,
    openPatients,
    journal,
    offlineMaxAgeMs: config.cache.maxAgeDays * 24 * 60 * 60 * 1000,
  });
  const access = new AccessPoint(
    journal,
    logger,
    () => session.actor(),
    (who, patientRef) => exceptional.current(who, patientRef, new Date())?.mode,
  );
  access.addRule(() => (session.allowsPatientData() ? undefined : 'errors.notSignedIn'));
  // With login, images are served like records: for an open patient whose access holds.
  access.addRule(
    imagingAccessRule(
      () => session.enabled,
      (patientRef) => patientAccess.refusalFor(patientRef),
    ),
  );
  const gateway = new DicomwebGateway(config.imaging, access, logger, {
    patientOf: (pacsPatientId) => patientAccess.accessiblePatientWithIns(pacsPatientId)?.id,
    identifyStudies: () => session.enabled,
  });
  const recordsClient = config.records ? new FhirClient(config.records) : undefined;
  const records = recordsClient ? new MhdRecordSource(recordsClient) : undefined;
  const workstation = `Regard ${options.version} (${hostname()})`;
  const auditForwarder =
    recordsClient && config.records?.sendAuditEvents
      ? new AuditForwarder({
          journal,
          sink: recordsClient,
          cursorFile: join(options.dataDir, 'audit', 'forwarded.json'),
          workstation,
          logger,
        })
      : undefined;
  auditForwarder?.start(AUDIT_FORWARD_INTERVAL_MS);
  const watchList = new WatchList(join(options.dataDir, 'watch.json'));
  const watcher = records
    ? new DocumentWatcher({
        source: records,
        watchList,
        access,
        events,
        logger,
        actor: () => session.actor(),
        // Told only where the ground was confirmed with the source lately (as for offline reading).
        mayWatch: (patientId) => patientAccess.decideOffline(patientId).allowed,
        visible: (entry) =>
          isVisibleTo(entry, restrictionOf(config.habilitations, session.profession())),
        intervalMs: config.watchIntervalMs,
        active: () => session.allowsPatientData(),
      })
    : undefined;
  watcher?.start();
  const handlers = createBridgeHandlers({
    config,
    hostKind: options.hostKind,
    version: options.version,
    access,
    logger,
    records,
    gateway,
    openPatients,
    visits: new VisitStore(join(options.dataDir, 'visits.json')),
    cacheKeys:
      options.cacheKeys ?? new FileCacheKeyStore(join(options.dataDir, 'keys', 'cache.key')),
    watchList,
    watcher,
    journal,
    session,
    patientAccess,
    grants,
    exceptional,
    workstation,
  });
  journal.append({ actor: session.actor(), action: 'app.start', outcome: 'success' });
  logger.info('host.started', { host: options.hostKind, demo: config.demo });

  return {
    config,
    logger,
    journal,
    access,
    gateway,
    handlers,
    events,
    session,
    ready: journalKeyLoaded,
    close: async () => {
      login?.dispose();
      auditForwarder?.stop();
      await auditForwarder?.flush().catch(() => undefined);
      watcher?.stop();
      await Promise.all([gateway.close(), records?.close()]);
    },
  };
}
