import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Redactor } from '../../../shared/logging/redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  readonly redactor: Redactor;
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  /** A JSON-lines file; the folder is created when missing. */
  file?: string;
  /** Also write to standard error (development and the browser host's console). */
  console?: boolean;
  level?: LogLevel;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * A structured logger whose every record passes through redaction: callers log events and fields,
 * never formatted strings, so the redactor sees each value with its key.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const redactor = new Redactor();
  const threshold = LEVELS[options.level ?? 'info'];
  if (options.file) mkdirSync(dirname(options.file), { recursive: true });

  const write = (level: LogLevel, event: string, fields: Record<string, unknown> = {}) => {
    if (LEVELS[level] < threshold) return;
    const record = {
      time: new Date().toISOString(),
      level,
      event: redactor.redactString(event),
      ...(redactor.redactValue(fields) as Record<string, unknown>),
    };
    const line = `${JSON.stringify(record)}\n`;
    if (options.file) appendFileSync(options.file, line, { mode: 0o600 });
    if (options.console) process.stderr.write(line);
  };

  return {
    redactor,
    debug: (event, fields) => write('debug', event, fields),
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}
