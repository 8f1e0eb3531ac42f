import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  configSchema,
  policyFileSchema,
  policyOnlyKeys,
  settingsLayerSchema,
  type RegardConfig,
  type SettingKey,
} from './schema';

/** A configuration that cannot be used, naming the file and key at fault. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface ConfigLocations {
  /** Machine-wide policy file written by IT; absent means no policy. */
  policyFile: string;
  /** The user's own settings file; absent means defaults. */
  userSettingsFile: string;
  env: NodeJS.ProcessEnv;
}

export function defaultPolicyFile(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (env.REGARD_POLICY_FILE) return env.REGARD_POLICY_FILE;
  if (platform === 'win32')
    return join(env.ProgramData ?? 'C:\\ProgramData', 'Regard', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Regard/policy.json';
  return '/etc/regard/policy.json';
}

function describeIssues(origin: string, error: z.ZodError): string {
  const details = error.issues.map((issue) => {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `${key}: ${issue.message}`;
  });
  return `${origin}: ${details.join('; ')}`;
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`${file}: cannot be read (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConfigError(`${file}: is not valid JSON`);
  }
}

function parseLayer<S extends z.ZodType>(schema: S, origin: string, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(describeIssues(origin, parsed.error));
  return parsed.data;
}

/** Environment variables that may set a value, for quick overrides and the demo launcher. */
function environmentLayer(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const layer: Record<string, unknown> = {};
  if (env.REGARD_LOCALE) layer.locale = env.REGARD_LOCALE;
  if (env.REGARD_LOG_LEVEL) layer.logLevel = env.REGARD_LOG_LEVEL;
  if (env.REGARD_PORT) layer.browserHost = { port: Number(env.REGARD_PORT) };
  if (env.REGARD_DEMO) layer.demo = env.REGARD_DEMO === '1';
  if (env.REGARD_WATCH_INTERVAL_MS) layer.watchIntervalMs = Number(env.REGARD_WATCH_INTERVAL_MS);
  if (env.REGARD_OIDC_ISSUER && env.REGARD_OIDC_CLIENT_ID) {
    layer.identity = { issuer: env.REGARD_OIDC_ISSUER, clientId: env.REGARD_OIDC_CLIENT_ID };
  }
  if (env.REGARD_IDLE_LOCK_MINUTES) layer.idleLockMinutes = Number(env.REGARD_IDLE_LOCK_MINUTES);
  if (env.REGARD_BREAK_GLASS_MINUTES) {
    layer.breakGlassMinutes = Number(env.REGARD_BREAK_GLASS_MINUTES);
  }
  if (env.REGARD_RECORDS_URL) {
    layer.records = {
      label: env.REGARD_RECORDS_LABEL ?? 'DMP',
      fhirBaseUrl: env.REGARD_RECORDS_URL,
      ...(env.REGARD_RECORDS_AUDIT === '1' ? { sendAuditEvents: true } : {}),
    };
  }
  if (env.REGARD_PACS_URL) {
    layer.imaging = [
      { id: 'pacs', label: env.REGARD_PACS_LABEL ?? 'PACS', dicomwebUrl: env.REGARD_PACS_URL },
    ];
  }
  return layer;
}

/**
 * Reads the policy file, then the user's settings, then the environment, each validated on its
 * own so an error names its origin; keys the policy locks keep the policy's value.
 */
export function loadConfig(locations: ConfigLocations): RegardConfig {
  const policy = parseLayer(
    policyFileSchema,
    `policy file ${locations.policyFile}`,
    readJsonFile(locations.policyFile) ?? {},
  );
  const user = parseLayer(
    settingsLayerSchema,
    `user settings ${locations.userSettingsFile}`,
    readJsonFile(locations.userSettingsFile) ?? {},
  );
  const env = parseLayer(settingsLayerSchema, 'environment', environmentLayer(locations.env));

  const { locked, ...policySettings } = policy;
  const fixed = new Set<SettingKey>([...locked, ...policyOnlyKeys]);
  const merged: Record<string, unknown> = { ...policySettings };
  for (const layer of [user, env]) {
    for (const [key, value] of Object.entries(layer)) {
      if (!fixed.has(key as SettingKey)) merged[key] = value;
    }
  }
  return parseLayer(configSchema, 'configuration', merged);
}

/**
 * The configuration a workstation runs with: the machine's policy file, then `settings.json` in
 * the user's data folder, then the environment. Electron's main, the browser host and the
 * launcher all read it this one way.
 */
export function loadWorkstationConfig(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): RegardConfig {
  return loadConfig({
    policyFile: defaultPolicyFile(platform, env),
    userSettingsFile: join(dataDir, 'settings.json'),
    env,
  });
}
