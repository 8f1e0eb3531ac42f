import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Binds a sealed note to its journal line: moved to another line, it no longer opens. */
function additionalData(seq: number): Buffer {
  return Buffer.from(`regard-journal-note|${seq}`, 'utf8');
}

/**
 * Seals the free text a journal line may carry (a break-the-glass reason is health data) with
 * AES-256-GCM under the journal's key, so that it never lies on disk in clear.
 */
export class NoteSealer {
  readonly #key: Buffer;

  constructor(key: Uint8Array) {
    if (key.byteLength !== 32) throw new Error('the journal key must be 32 bytes');
    this.#key = Buffer.from(key);
  }

  seal(text: string, seq: number): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(additionalData(seq));
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
  }

  /** The text, or undefined when the note does not open (another key, another line, altered). */
  open(sealed: string, seq: number): string | undefined {
    const bytes = Buffer.from(sealed, 'base64');
    if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(additionalData(seq));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const body = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
