import type { Element, Node } from '@xmldom/xmldom';
import type { CdaCode, CdaIdentifier } from './types';

/** Small, namespace-aware readers over the parsed document. */

const HL7_NAMESPACE = 'urn:hl7-org:v3';
const ELEMENT_NODE = 1;

export function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

/** An element of the CDA vocabulary (a document without a namespace is read as CDA too). */
export function isHl7(element: Element): boolean {
  return element.namespaceURI === HL7_NAMESPACE || element.namespaceURI === null;
}

export function childElements(parent: Element): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (isElement(node)) found.push(node);
  }
  return found;
}

export function children(parent: Element, name: string): Element[] {
  return childElements(parent).filter((element) => isHl7(element) && element.localName === name);
}

/** Follows a path of CDA element names, first match at each step. */
export function child(parent: Element | undefined, ...path: string[]): Element | undefined {
  let current = parent;
  for (const name of path) {
    if (!current) return undefined;
    current = children(current, name)[0];
  }
  return current;
}

/** An attribute's value, trimmed; undefined when absent or empty. */
export function attribute(element: Element | undefined, name: string): string | undefined {
  const value = element?.getAttribute(name)?.trim();
  return value ? value : undefined;
}

/** Text content with runs of white space collapsed; undefined when empty. */
export function text(element: Element | undefined): string | undefined {
  const value = element?.textContent?.replace(/\s+/g, ' ').trim();
  return value ? value : undefined;
}

export function identifier(element: Element | undefined): CdaIdentifier | undefined {
  const root = attribute(element, 'root');
  if (!root) return undefined;
  const extension = attribute(element, 'extension');
  return extension ? { root, extension } : { root };
}

export function code(element: Element | undefined): CdaCode | undefined {
  if (!element) return undefined;
  const value: CdaCode = {};
  const codeValue = attribute(element, 'code');
  const codeSystem = attribute(element, 'codeSystem');
  const displayName = attribute(element, 'displayName');
  if (codeValue) value.code = codeValue;
  if (codeSystem) value.codeSystem = codeSystem;
  if (displayName) value.displayName = displayName;
  return Object.keys(value).length > 0 ? value : undefined;
}

/** Drops keys whose value is undefined, so the result stays plain and comparable. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
