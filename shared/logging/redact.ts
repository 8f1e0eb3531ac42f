/**
 * Redaction applied to every log record before it is written: a log line must never carry a
 * patient's name or identifiers, a token, or document content.
 */

const SENSITIVE_KEY =
  /name|ins|nir|patient|birth|token|authori[sz]ation|password|secret|cookie|content|body|text|query|identifier|address|phone|email|search/i;

const REDACTED = '[redacted]';
const MAX_DEPTH = 6;

/** Patterns that identify a person or grant access wherever they appear in a string. */
const SENSITIVE_PATTERNS: readonly (readonly [RegExp, string])[] = [
  // INS / NIR: 13 digits and an optional 2-digit key.
  [/\b[12]\d{12}(?:\d{2})?\b/g, REDACTED],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // Query parameters carry search criteria such as a patient identifier.
  [/([?&][^=&\s]+=)[^&\s]*/g, `$1${REDACTED}`],
];

export class Redactor {
  readonly #known = new Set<string>();

  /** Values seen in patient data (names, identifiers) that must never be written verbatim. */
  remember(values: Iterable<string | undefined>): void {
    for (const value of values) {
      if (value && value.trim().length >= 3) this.#known.add(value.trim());
    }
  }

  redactString(input: string): string {
    let output = input;
    for (const known of this.#known) {
      if (output.includes(known)) output = output.split(known).join(REDACTED);
    }
    for (const [pattern, replacement] of SENSITIVE_PATTERNS) {
      output = output.replace(pattern, replacement);
    }
    return output;
  }

  redactValue(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.redactString(value);
    if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
    if (value === undefined) return undefined;
    if (depth >= MAX_DEPTH) return REDACTED;
    if (value instanceof Error) {
      return { name: value.name, message: this.redactString(value.message) };
    }
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item, depth + 1));
    if (typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        out[key] = SENSITIVE_KEY.test(key) ? REDACTED : this.redactValue(item, depth + 1);
      }
      return out;
    }
    return REDACTED;
  }
}
