import type { CdaRefusalReason } from './types';

/** Characters; a CDA with an embedded PDF copy stays well below this. */
export const MAX_CDA_LENGTH = 20 * 1024 * 1024;
/** Element nesting; the public CI-SIS and HL7 examples reach 19. */
const MAX_CDA_DEPTH = 64;

/** CDA needs no DTD: refusing any declaration removes XXE and entity expansion at the root. */
const DECLARATION = /<!\s*(?:DOCTYPE|ENTITY)/i;

/**
 * Measures element nesting with a linear scan, before any DOM is built, so that a deeply nested
 * input costs one pass and never a deep tree or a deep recursion. Returns the refusal, if any.
 */
function scanDepth(text: string, maxDepth: number): CdaRefusalReason | undefined {
  let depth = 0;
  let index = text.indexOf('<');
  while (index !== -1) {
    const next = text.charCodeAt(index + 1);
    let end: number;
    if (text.startsWith('<!--', index)) {
      end = text.indexOf('-->', index + 4);
      if (end === -1) return 'malformed';
      end += 2;
    } else if (text.startsWith('<![CDATA[', index)) {
      end = text.indexOf(']]>', index + 9);
      if (end === -1) return 'malformed';
      end += 2;
    } else if (next === 0x3f /* ? */) {
      end = text.indexOf('?>', index + 2);
      if (end === -1) return 'malformed';
      end += 1;
    } else if (next === 0x2f /* / */) {
      end = text.indexOf('>', index + 2);
      if (end === -1) return 'malformed';
      depth -= 1;
    } else {
      end = endOfStartTag(text, index + 1);
      if (end === -1) return 'malformed';
      if (text.charCodeAt(end - 1) !== 0x2f /* / */) {
        depth += 1;
        if (depth > maxDepth) return 'too-deep';
      }
    }
    index = text.indexOf('<', end + 1);
  }
  return undefined;
}

/** Index of the `>` closing a start tag, skipping quoted attribute values; -1 if none. */
function endOfStartTag(text: string, from: number): number {
  let index = from;
  while (index < text.length) {
    const char = text.charCodeAt(index);
    if (char === 0x3e /* > */) return index;
    if (char === 0x22 /* " */ || char === 0x27 /* ' */) {
      const close = text.indexOf(String.fromCharCode(char), index + 1);
      if (close === -1) return -1;
      index = close + 1;
    } else {
      index += 1;
    }
  }
  return -1;
}

/** Checks that cost one linear pass and come before parsing; undefined when the text may be parsed. */
export function refuseBeforeParsing(text: string): CdaRefusalReason | undefined {
  if (text.length > MAX_CDA_LENGTH) return 'too-large';
  if (DECLARATION.test(text)) return 'doctype';
  return scanDepth(text, MAX_CDA_DEPTH);
}
