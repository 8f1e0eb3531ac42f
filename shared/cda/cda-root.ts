import { DOMParser, type Element } from '@xmldom/xmldom';
import { isHl7 } from './dom';
import { refuseBeforeParsing } from './guard';
import type { CdaRefusalReason } from './types';

/**
 * The root of an untrusted CDA, after the same pre-parse refusals as `parseCda` (size, DTD and
 * entities, nesting). A document with XML errors is refused whole, never read in part.
 */
export function parseCdaRoot(
  xmlText: string,
): { root: Element; refused?: undefined } | { refused: CdaRefusalReason } {
  // Size first: reading even one character of a huge concatenated string copies all of it.
  const refusal = refuseBeforeParsing(xmlText);
  if (refusal) return { refused: refusal };
  const source = xmlText.startsWith('\uFEFF') ? xmlText.slice(1) : xmlText;
  let root: Element | null;
  try {
    root = new DOMParser({
      locator: false,
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(source, 'text/xml').documentElement;
  } catch {
    return { refused: 'malformed' };
  }
  if (!root || root.localName !== 'ClinicalDocument' || !isHl7(root)) return { refused: 'not-cda' };
  return { root };
}
