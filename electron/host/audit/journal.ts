import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { NoteSealer } from './note-sealer';

export const auditActions = [
  'app.start',
  'patient.search',
  'patient.read',
  'document.search',
  'document.read',
  'imaging.search',
  'imaging.retrieve',
  'session.login',
  'session.lock',
  'session.unlock',
  'session.logout',
  'consent.record',
  'mode.break-glass',
  'mode.break-glass.end',
  'mode.regulation',
  'mode.regulation.end',
] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * The access mode an action was taken under, when it was not the normal one: break-the-glass
 * (immediate vital risk) or emergency regulation (centre 15). The patient is told of both.
 */
export const accessModes = ['break-glass', 'regulation'] as const;
export type AccessMode = (typeof accessModes)[number];

export const auditRecordSchema = z
  .object({
    seq: z.number().int().min(1),
    time: z.iso.datetime(),
    actor: z.string(),
    action: z.enum(auditActions),
    /** Opaque id of the patient on the record source: never a name or an INS. */
    patientRef: z.string().optional(),
    /** What was touched: a study UID, a document id, a search kind. */
    target: z.string().optional(),
    mode: z.enum(accessModes).optional(),
    /**
     * Free text given by the user (a break-the-glass reason), sealed under the journal's key; or
     * withheld where no key could be kept, rather than written in clear.
     */
    note: z
      .union([
        z.object({ sealed: z.string().max(8192) }).strict(),
        z.object({ withheld: z.literal(true) }).strict(),
      ])
      .optional(),
    outcome: z.enum(['success', 'refused', 'failure']),
    prevHash: z.string(),
    hash: z.string(),
  })
  .strict();
export type AuditRecord = z.infer<typeof auditRecordSchema>;
export type AuditEntry = Pick<
  AuditRecord,
  'actor' | 'action' | 'patientRef' | 'target' | 'mode' | 'outcome'
> & {
  /** Free text, sealed before it is written. */
  note?: string;
};

/** A line's note as it reads back: the text, or why it cannot be read. */
export type OpenedNote = { text: string } | { unavailable: 'withheld' | 'unreadable' };

const GENESIS = '0'.repeat(64);

function hashOf(record: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('hex');
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

export type ChainCheck = { ok: true; count: number } | { ok: false; line: number; reason: string };

/** Reads a journal back and checks every line's hash and its link to the line before. */
export function verifyJournal(file: string): ChainCheck {
  if (!existsSync(file)) return { ok: true, count: 0 };
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0);
  let prevHash = GENESIS;
  for (const [index, line] of lines.entries()) {
    const lineNumber = index + 1;
    let parsed: AuditRecord;
    try {
      parsed = auditRecordSchema.parse(JSON.parse(line));
    } catch {
      return { ok: false, line: lineNumber, reason: 'unreadable' };
    }
    const { hash, ...rest } = parsed;
    if (parsed.seq !== lineNumber) return { ok: false, line: lineNumber, reason: 'sequence gap' };
    if (parsed.prevHash !== prevHash) return { ok: false, line: lineNumber, reason: 'broken link' };
    if (hashOf(rest) !== hash) return { ok: false, line: lineNumber, reason: 'altered' };
    prevHash = hash;
  }
  return { ok: true, count: lines.length };
}

/**
 * The local audit journal: JSON lines, only ever appended, each chained to the one before by its
 * hash so that a removed or altered line is detected.
 */
export class AuditJournal {
  readonly #file: string;
  #seq: number;
  #prevHash: string;
  #sealer: NoteSealer | undefined;

  constructor(file: string) {
    this.#file = file;
    mkdirSync(dirname(file), { recursive: true });
    const check = verifyJournal(file);
    if (!check.ok) {
      throw new Error(`audit journal ${file} fails its chain check at line ${check.line}`);
    }
    const last = check.count > 0 ? this.#lastRecord() : undefined;
    this.#seq = last?.seq ?? 0;
    this.#prevHash = last?.hash ?? GENESIS;
  }

  get file(): string {
    return this.#file;
  }

  /** From now on, notes are sealed with this key (loaded once the host has it). */
  useSealer(sealer: NoteSealer): void {
    this.#sealer = sealer;
  }

  /** The note of a line, opened with the journal's key. */
  openNote(record: AuditRecord): OpenedNote | undefined {
    if (!record.note) return undefined;
    if ('withheld' in record.note) return { unavailable: 'withheld' };
    const text = this.#sealer?.open(record.note.sealed, record.seq);
    return text === undefined ? { unavailable: 'unreadable' } : { text };
  }

  append(entry: AuditEntry, now: Date = new Date()): AuditRecord {
    // Fields in the schema's order: the hash is taken over the record as it reads back.
    const body = {
      seq: this.#seq + 1,
      time: now.toISOString(),
      actor: entry.actor,
      action: entry.action,
      ...(entry.patientRef !== undefined ? { patientRef: entry.patientRef } : {}),
      ...(entry.target !== undefined ? { target: entry.target } : {}),
      ...(entry.mode !== undefined ? { mode: entry.mode } : {}),
      ...(entry.note !== undefined ? { note: this.#sealedNote(entry.note, this.#seq + 1) } : {}),
      outcome: entry.outcome,
      prevHash: this.#prevHash,
    };
    const record: AuditRecord = { ...body, hash: hashOf(body) };
    appendFileSync(this.#file, `${JSON.stringify(record)}\n`, { mode: 0o600, flag: 'a' });
    this.#seq = record.seq;
    this.#prevHash = record.hash;
    return record;
  }

  /** Every record, oldest first, with the chain check of the file as it stands. */
  read(): { records: AuditRecord[]; check: ChainCheck } {
    const check = verifyJournal(this.#file);
    if (!existsSync(this.#file)) return { records: [], check };
    const records = readFileSync(this.#file, 'utf8')
      .split('\n')
      .flatMap((line) => {
        if (!line) return [];
        const parsed = auditRecordSchema.safeParse(safeJson(line));
        return parsed.success ? [parsed.data] : [];
      });
    return { records, check };
  }

  #sealedNote(text: string, seq: number): NonNullable<AuditRecord['note']> {
    return this.#sealer ? { sealed: this.#sealer.seal(text, seq) } : { withheld: true };
  }

  #lastRecord(): AuditRecord | undefined {
    const lines = readFileSync(this.#file, 'utf8').trimEnd().split('\n');
    const last = lines.at(-1);
    return last ? auditRecordSchema.parse(JSON.parse(last)) : undefined;
  }
}
