import type { Element } from '@xmldom/xmldom';
import { attribute, child, text } from './dom';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export interface ReadValue {
  value: number | undefined;
  /** As the laboratory wrote it: keeps its precision (`1.950`) and non-numeric results. */
  valueText: string;
  unit: string;
}

export function decimal(written: string | undefined): number | undefined {
  return written !== undefined && DECIMAL.test(written) ? Number(written) : undefined;
}

/** UCUM `1` is the unit of a dimensionless ratio: nothing to print after the value. */
export function unitOf(element: Element | undefined): string {
  const unit = attribute(element, 'unit');
  return unit === undefined || unit === '1' ? '' : unit;
}

function xsiType(element: Element): string {
  const type = element.getAttributeNS(XSI, 'type') ?? element.getAttribute('xsi:type') ?? '';
  return type.slice(type.indexOf(':') + 1);
}

function bound(element: Element | undefined, open: string, closed: string): string | undefined {
  const value = attribute(element, 'value');
  if (value === undefined) return undefined;
  return `${attribute(element, 'inclusive') === 'false' ? open : closed} ${value}`;
}

function interval(element: Element): ReadValue | undefined {
  const low = child(element, 'low');
  const high = child(element, 'high');
  const lowValue = attribute(low, 'value');
  const highValue = attribute(high, 'value');
  const valueText =
    lowValue !== undefined && highValue !== undefined
      ? `${lowValue} – ${highValue}`
      : (bound(high, '<', '≤') ?? bound(low, '>', '≥'));
  if (valueText === undefined) return undefined;
  return { value: undefined, valueText, unit: unitOf(high) || unitOf(low) };
}

function ratio(element: Element): ReadValue | undefined {
  const numerator = attribute(child(element, 'numerator'), 'value');
  const denominator = attribute(child(element, 'denominator'), 'value');
  if (numerator === undefined || denominator === undefined) return undefined;
  return { value: undefined, valueText: `${numerator}/${denominator}`, unit: '' };
}

function coded(element: Element): string | undefined {
  return (
    attribute(element, 'displayName') ??
    text(child(element, 'originalText')) ??
    attribute(element, 'code')
  );
}

/** An observation's `value`, whatever its HL7 data type; undefined when it carries nothing. */
export function readValue(element: Element): ReadValue | undefined {
  if (attribute(element, 'nullFlavor') !== undefined) return undefined;
  const type = xsiType(element);
  switch (type) {
    case 'PQ':
    case 'INT':
    case 'REAL': {
      const written = attribute(element, 'value');
      if (written === undefined) return undefined;
      return {
        value: decimal(written),
        valueText: written,
        unit: type === 'PQ' ? unitOf(element) : '',
      };
    }
    case 'IVL_PQ':
    case 'IVL_INT':
    case 'IVL_REAL':
      return interval(element);
    case 'RTO':
    case 'RTO_PQ_PQ':
    case 'RTO_INT_INT':
      return ratio(element);
    case 'CD':
    case 'CE':
    case 'CV':
    case 'CO':
    case 'CS': {
      const written = coded(element);
      return written === undefined ? undefined : { value: undefined, valueText: written, unit: '' };
    }
    case 'ED':
      // Embedded data (an electrophoresis image, a PDF) is no value for a table or a trend.
      return undefined;
    default: {
      const written = attribute(element, 'value') ?? text(element);
      return written === undefined ? undefined : { value: undefined, valueText: written, unit: '' };
    }
  }
}
