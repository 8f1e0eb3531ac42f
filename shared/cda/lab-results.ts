import type { Element } from '@xmldom/xmldom';
import { parseCdaRoot } from './cda-root';
import { attribute, child, childElements, children, text } from './dom';
import { hl7TimeToIso } from './hl7-time';
import { decimal, readValue, unitOf } from './hl7-values';
import type { CdaRefusalReason } from './types';

export type LabFlag = 'critical-high' | 'high' | 'low' | 'critical-low' | 'abnormal' | 'normal';

/** One laboratory result read from a CR-BIO entry. */
export interface LabResult {
  loinc: string;
  /** The laboratory's own label from the narrative, else the LOINC display name. */
  display: string;
  value: number | undefined;
  valueText: string;
  unit: string;
  low?: number;
  high?: number;
  /** From the laboratory's interpretation code only; see `shared/results/trends.ts` for ranges. */
  flag: LabFlag | undefined;
  /** ISO 8601, with the producer's offset when it gave one. */
  effectiveTime: string;
  sourceLogicalId: string;
}

export interface LabResultExtraction {
  results: LabResult[];
  /** Observations in laboratory entries that carried no usable code, value or date. */
  skipped: number;
  /** Set when the document was not parsed at all (DTD, size, nesting, malformed, not a CDA). */
  refused?: CdaRefusalReason;
}

const LOINC = '2.16.840.1.113883.6.1';
/** IHE PALM Laboratory Specialty and Report Item sections; CI-SIS chapter and sub-chapter. */
const LAB_SECTIONS = new Set([
  '1.3.6.1.4.1.19376.1.3.3.2.1',
  '1.3.6.1.4.1.19376.1.3.3.2.2',
  '1.2.250.1.213.1.1.2.70',
  '1.2.250.1.213.1.1.2.71',
]);
/** IHE PALM Laboratory Report Data Processing Entry; CI-SIS FR-Resultats-examens-de-biologie-medicale. */
const LAB_ENTRIES = new Set(['1.3.6.1.4.1.19376.1.3.1', '1.2.250.1.213.1.1.3.21']);
/** HL7 ObservationInterpretation, with the older `H>`/`L<` spellings of the critical codes. */
const INTERPRETATION = new Map<string, LabFlag>([
  ['N', 'normal'],
  ['H', 'high'],
  ['L', 'low'],
  ['HH', 'critical-high'],
  ['HU', 'critical-high'],
  ['H>', 'critical-high'],
  ['LL', 'critical-low'],
  ['LU', 'critical-low'],
  ['L<', 'critical-low'],
  ['A', 'abnormal'],
  ['AA', 'abnormal'],
]);
const NOT_PERFORMED = new Set(['aborted', 'cancelled', 'nullified']);
/** What holds observations inside a laboratory entry. */
const CONTAINERS = new Set(['act', 'organizer', 'component', 'entryRelationship']);

function hasTemplate(element: Element, roots: ReadonlySet<string>): boolean {
  return children(element, 'templateId').some((id) => roots.has(attribute(id, 'root') ?? ''));
}

function timeOf(element: Element | undefined): string | undefined {
  const effectiveTime = element && child(element, 'effectiveTime');
  if (!effectiveTime) return undefined;
  const ts =
    attribute(effectiveTime, 'value') ??
    attribute(child(effectiveTime, 'low'), 'value') ??
    attribute(child(effectiveTime, 'center'), 'value');
  return ts === undefined ? undefined : hl7TimeToIso(ts);
}

/**
 * Narrative elements by ID, built on first use: `originalText/reference` points into them. Entries
 * are left out: they hold no narrative, and an embedded PDF copy would be read as text for nothing.
 */
function narrativeIndex(root: Element): (reference: string | undefined) => string | undefined {
  let index: Map<string, string> | undefined;
  return (reference) => {
    if (!reference?.startsWith('#')) return undefined;
    if (!index) {
      const built = new Map<string, string>();
      const stack = [root];
      for (let element = stack.pop(); element; element = stack.pop()) {
        const id = attribute(element, 'ID');
        const content = id === undefined ? undefined : text(element);
        if (id !== undefined && content !== undefined) built.set(id, content);
        for (const nested of childElements(element)) {
          if (nested.localName !== 'entry') stack.push(nested);
        }
      }
      index = built;
    }
    return index.get(reference.slice(1));
  };
}

function loincOf(code: Element): { code: string; display: string | undefined } | undefined {
  const candidates = [code, ...children(code, 'translation')];
  const loinc = candidates.find((candidate) => attribute(candidate, 'codeSystem') === LOINC);
  const value = attribute(loinc, 'code');
  return value === undefined
    ? undefined
    : { code: value, display: attribute(loinc, 'displayName') };
}

function flagOf(observation: Element): LabFlag | undefined {
  for (const interpretation of children(observation, 'interpretationCode')) {
    const flag = INTERPRETATION.get(attribute(interpretation, 'code') ?? '');
    if (flag) return flag;
  }
  return undefined;
}

/** The normal range: the first observationRange that is not about another interpretation. */
function rangeOf(observation: Element, unit: string): { low?: number; high?: number } {
  for (const referenceRange of children(observation, 'referenceRange')) {
    const range = child(referenceRange, 'observationRange');
    if (!range) continue;
    const interpretation = attribute(child(range, 'interpretationCode'), 'code');
    if (interpretation !== undefined && interpretation !== 'N') continue;
    const value = child(range, 'value');
    if (!value) continue;
    // A bound in another unit than the result's would flag a normal value.
    const read = (name: string) => {
      const bound = child(value, name);
      const boundUnit = unitOf(bound);
      return boundUnit && unit && boundUnit !== unit
        ? undefined
        : decimal(attribute(bound, 'value'));
    };
    const low = read('low');
    const high = read('high');
    return { ...(low === undefined ? {} : { low }), ...(high === undefined ? {} : { high }) };
  }
  return {};
}

function readObservation(
  observation: Element,
  time: string | undefined,
  narrative: (reference: string | undefined) => string | undefined,
  sourceLogicalId: string,
): LabResult | undefined {
  const mood = attribute(observation, 'moodCode');
  if (mood !== undefined && mood !== 'EVN') return undefined;
  if (NOT_PERFORMED.has(attribute(child(observation, 'statusCode'), 'code') ?? '')) {
    return undefined;
  }
  const code = child(observation, 'code');
  const loinc = code && loincOf(code);
  const valueElement = child(observation, 'value');
  const value = valueElement && readValue(valueElement);
  const effectiveTime = timeOf(observation) ?? time;
  if (!code || !loinc || !value || !effectiveTime) return undefined;
  const originalText = child(code, 'originalText');
  const display =
    narrative(attribute(originalText && child(originalText, 'reference'), 'value')) ??
    loinc.display ??
    text(originalText) ??
    loinc.code;
  return {
    loinc: loinc.code,
    display,
    ...value,
    ...rangeOf(observation, value.unit),
    flag: flagOf(observation),
    effectiveTime,
    sourceLogicalId,
  };
}

/** Laboratory entries of the body, in document order: those of laboratory sections, or marked so. */
function labEntries(structuredBody: Element): Element[] {
  const entries: Element[] = [];
  const stack = children(structuredBody, 'component')
    .reverse()
    .map((component) => ({ component, inLab: false }));
  for (let pending = stack.pop(); pending; pending = stack.pop()) {
    const section = child(pending.component, 'section');
    if (!section) continue;
    const inLab = pending.inLab || hasTemplate(section, LAB_SECTIONS);
    for (const entry of children(section, 'entry')) {
      if (inLab || hasTemplate(entry, LAB_ENTRIES)) entries.push(entry);
    }
    for (const component of children(section, 'component').reverse()) {
      stack.push({ component, inLab });
    }
  }
  return entries;
}

/**
 * The observations of an entry with the date of their nearest dated container. Observations are
 * not descended into: what they nest (previous results, comments) is not a result of this report.
 */
function observationsOf(
  entry: Element,
  documentTime: string | undefined,
): { observation: Element; time: string | undefined }[] {
  const found: { observation: Element; time: string | undefined }[] = [];
  const stack = [{ element: entry, time: documentTime }];
  for (let pending = stack.pop(); pending; pending = stack.pop()) {
    const containers: Element[] = [];
    for (const element of childElements(pending.element)) {
      if (element.localName === 'observation')
        found.push({ observation: element, time: pending.time });
      else if (CONTAINERS.has(element.localName ?? '')) containers.push(element);
    }
    for (const container of containers.reverse()) {
      stack.push({ element: container, time: timeOf(container) ?? pending.time });
    }
  }
  return found;
}

/**
 * Reads the LOINC-coded results of a CR-BIO document (laboratory sections and entries of IHE PALM
 * and the CI-SIS). Unknown elements are ignored; an unusable observation is counted, not fatal.
 * A document refused before or while parsing yields no results and says why.
 */
export function extractLabResults(
  xmlText: string,
  source: { logicalId: string },
): LabResultExtraction {
  const parsed = parseCdaRoot(xmlText);
  if (parsed.refused) return { results: [], skipped: 0, refused: parsed.refused };
  const { root } = parsed;
  const structuredBody = child(root, 'component', 'structuredBody');
  if (!structuredBody) return { results: [], skipped: 0 };
  const serviceEvent = child(root, 'documentationOf', 'serviceEvent');
  // The act's date is closer to the sampling than the document's creation.
  const documentTime = timeOf(serviceEvent) ?? timeOf(root);
  const narrative = narrativeIndex(structuredBody);
  const results: LabResult[] = [];
  let skipped = 0;
  for (const entry of labEntries(structuredBody)) {
    for (const { observation, time } of observationsOf(entry, documentTime)) {
      const result = readObservation(observation, time, narrative, source.logicalId);
      if (result) results.push(result);
      else skipped += 1;
    }
  }
  return { results, skipped };
}
