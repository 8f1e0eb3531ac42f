import type { Element, Node } from '@xmldom/xmldom';
import { attribute, child, isElement, isHl7, text } from './dom';
import type { MediaResolver } from './media';
import type { NarrativeNode, NarrativeTag, StyleClass } from './types';

/**
 * Converts CDA narrative (StrucDoc.Text) into the allowlisted tree. Element names outside the
 * allowlist are unwrapped (their text stays readable, as text); attributes outside the allowlist
 * are dropped; links are never made followable.
 */

const TEXT_NODE = 3;
const CDATA_NODE = 4;

/** Elements whose content is never meant for a reader: dropped with everything inside. */
const DROPPED = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'svg']);

/** Allowed children of the table and list parts; anything else inside them is dropped. */
const STRUCTURE: Partial<Record<NarrativeTag, readonly NarrativeTag[]>> = {
  table: ['caption', 'thead', 'tbody', 'tfoot', 'tr'],
  thead: ['tr'],
  tbody: ['tr'],
  tfoot: ['tr'],
  tr: ['th', 'td'],
  list: ['caption', 'item'],
};

/** Parts that only mean something inside their container. */
const CONTAINED: Partial<Record<NarrativeTag, readonly NarrativeTag[]>> = {
  caption: ['table', 'list', 'paragraph'],
  thead: ['table'],
  tbody: ['table'],
  tfoot: ['table'],
  tr: ['table', 'thead', 'tbody', 'tfoot'],
  th: ['tr'],
  td: ['tr'],
  item: ['list'],
};

const TAGS = new Set<string>([
  'paragraph',
  'content',
  'caption',
  'list',
  'item',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'sub',
  'sup',
  'footnote',
]);

const STYLES: Record<string, StyleClass> = {
  Bold: 'bold',
  Italics: 'italics',
  Emphasis: 'italics',
  Underline: 'underline',
};

/** Shown as text only, so the scheme is what matters; producers leave spaces in their addresses. */
const HTTP_URL = /^https?:\/\/\S.{0,2047}$/i;
const SPAN = /^[1-9]\d{0,2}$/;

type Parent = NarrativeTag | 'text';

function styles(element: Element): StyleClass[] {
  const tokens = (attribute(element, 'styleCode') ?? '').split(/\s+/);
  return [...new Set(tokens.flatMap((token) => STYLES[token] ?? []))];
}

function span(element: Element, name: string): number | undefined {
  const value = attribute(element, name);
  return value && SPAN.test(value) ? Number(value) : undefined;
}

export class NarrativeReader {
  constructor(private readonly media: MediaResolver) {}

  read(textElement: Element): NarrativeNode[] {
    return this.childrenOf(textElement, 'text');
  }

  private childrenOf(element: Element, parent: Parent): NarrativeNode[] {
    const allowed = parent === 'text' ? undefined : STRUCTURE[parent];
    const nodes: NarrativeNode[] = [];
    for (let node = element.firstChild; node; node = node.nextSibling) {
      for (const converted of this.convert(node, parent)) {
        if (!allowed || (converted.kind === 'element' && allowed.includes(converted.tag))) {
          nodes.push(converted);
        }
      }
    }
    return parent === 'table' ? groupRows(nodes) : nodes;
  }

  private convert(node: Node, parent: Parent): NarrativeNode[] {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_NODE) {
      const value = node.nodeValue ?? '';
      return value ? [{ kind: 'text', text: value }] : [];
    }
    if (!isElement(node)) return [];
    const name = node.localName ?? '';
    if (DROPPED.has(name.toLowerCase())) return [];
    if (!isHl7(node)) return this.childrenOf(node, parent);
    switch (name) {
      case 'br':
        return [{ kind: 'break' }];
      case 'linkHtml':
        return [this.link(node)];
      case 'renderMultiMedia':
        return this.multimedia(node);
      case 'footnoteRef':
      case 'col':
      case 'colgroup':
        return [];
    }
    if (name === 'content' && attribute(node, 'revised') === 'delete') return [];
    if (!TAGS.has(name)) return this.childrenOf(node, parent);
    const tag = name as NarrativeTag;
    const container = CONTAINED[tag];
    if (container && !container.includes(parent as NarrativeTag)) {
      return this.childrenOf(node, parent);
    }
    return [this.element(node, tag)];
  }

  private element(element: Element, tag: NarrativeTag): NarrativeNode {
    const node: NarrativeNode = {
      kind: 'element',
      tag,
      styles: styles(element),
      children: this.childrenOf(element, tag),
    };
    if (tag === 'list') node.ordered = attribute(element, 'listType') === 'ordered';
    if (tag === 'td' || tag === 'th') {
      const colSpan = span(element, 'colspan');
      const rowSpan = span(element, 'rowspan');
      if (colSpan !== undefined) node.colSpan = colSpan;
      if (rowSpan !== undefined) node.rowSpan = rowSpan;
    }
    return node;
  }

  private link(element: Element): NarrativeNode {
    const href = attribute(element, 'href')?.replace(/\s+/g, ' ');
    const label = text(element) ?? '';
    return href && HTTP_URL.test(href)
      ? { kind: 'link', text: label, url: href }
      : { kind: 'link', text: label };
  }

  private multimedia(element: Element): NarrativeNode[] {
    const ids = (attribute(element, 'referencedObject') ?? '').split(/\s+/).filter(Boolean);
    const caption = text(child(element, 'caption'));
    return ids.length === 0
      ? [{ kind: 'unavailable-media' }]
      : ids.map((id) => this.media.resolve(id, caption));
  }
}

/** Rows written straight into a table go into a body, as HTML requires. */
function groupRows(nodes: NarrativeNode[]): NarrativeNode[] {
  const grouped: NarrativeNode[] = [];
  let body: (NarrativeNode & { kind: 'element' }) | undefined;
  for (const node of nodes) {
    if (node.kind === 'element' && node.tag === 'tr') {
      if (!body) {
        body = { kind: 'element', tag: 'tbody', styles: [], children: [] };
        grouped.push(body);
      }
      body.children.push(node);
    } else {
      body = undefined;
      grouped.push(node);
    }
  }
  return grouped;
}
