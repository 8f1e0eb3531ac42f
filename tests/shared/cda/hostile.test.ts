import { describe, expect, it } from 'vitest';
import { parseCda } from '../../../shared/cda/parse';
import type { CdaDocument, CdaResult, NarrativeNode } from '../../../shared/cda/types';
import { hostileCda, PNG_1X1_BASE64 } from '../../support/hostile-cda';

function parsed(result: CdaResult): CdaDocument {
  if (result.kind !== 'cda') throw new Error(`refused: ${result.reason}`);
  return result;
}

function nodes(tree: NarrativeNode[]): NarrativeNode[] {
  return tree.flatMap((node) => [node, ...(node.kind === 'element' ? nodes(node.children) : [])]);
}

function narrativeOf(document: CdaDocument): NarrativeNode[] {
  return document.body.kind === 'structured'
    ? nodes(document.body.sections.flatMap((section) => section.narrative))
    : [];
}

const textOf = (tree: NarrativeNode[]) =>
  tree.map((node) => (node.kind === 'text' || node.kind === 'link' ? node.text : '')).join('');

function timed(run: () => CdaResult): { result: CdaResult; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

describe('parseCda refuses, fast, what would make parsing dangerous', () => {
  const cases: [string, () => string, string][] = [
    [
      'XXE through a SYSTEM entity',
      () =>
        '<?xml version="1.0"?><!DOCTYPE ClinicalDocument [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
        '<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&xxe;</title></ClinicalDocument>',
      'doctype',
    ],
    [
      'billion laughs',
      () => {
        const entities = Array.from(
          { length: 9 },
          (_, index) => `<!ENTITY lol${index + 1} "${`&lol${index};`.repeat(10)}">`,
        ).join('');
        return `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${entities}]><ClinicalDocument xmlns="urn:hl7-org:v3"><title>&lol9;</title></ClinicalDocument>`;
      },
      'doctype',
    ],
    [
      'a DOCTYPE hidden after a megabyte of content',
      () =>
        `<ClinicalDocument xmlns="urn:hl7-org:v3"><title>${'x'.repeat(1_000_000)}</title></ClinicalDocument><!doctype x>`,
      'doctype',
    ],
    [
      '10,000 nested elements',
      () =>
        `<ClinicalDocument xmlns="urn:hl7-org:v3">${'<content>'.repeat(10_000)}${'</content>'.repeat(10_000)}</ClinicalDocument>`,
      'too-deep',
    ],
    ['a 50 MB string', () => `<ClinicalDocument>${'A'.repeat(50 * 1024 * 1024)}`, 'too-large'],
    [
      'an entity without a DTD',
      () => '<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&xxe;</title></ClinicalDocument>',
      'malformed',
    ],
    ['broken XML', () => '<ClinicalDocument xmlns="urn:hl7-org:v3"><title>', 'malformed'],
    ['an HTML page', () => '<?xml version="1.0"?><html><body onload="x()"/></html>', 'not-cda'],
    [
      'a CDA root in another namespace',
      () => '<ClinicalDocument xmlns="http://www.w3.org/1999/xhtml"/>',
      'not-cda',
    ],
  ];

  it.each(cases)('%s', (_, build, reason) => {
    const input = build();
    const { result, ms } = timed(() => parseCda(input));
    expect(result).toEqual({ kind: 'refusal', reason });
    console.log(`refusal ${reason} in ${ms.toFixed(2)} ms`);
    expect(ms).toBeLessThan(200);
  });

  it('refuses nesting past the limit, and reads nesting under it', () => {
    const depth = 60;
    const xml = `<ClinicalDocument xmlns="urn:hl7-org:v3"><component><structuredBody><component><section><text>${'<content>'.repeat(depth)}deep${'</content>'.repeat(depth)}</text></section></component></structuredBody></component></ClinicalDocument>`;
    expect(parseCda(xml).kind).toBe('refusal');
    const shallow = xml.replaceAll('<content>'.repeat(depth), '<content>'.repeat(50));
    expect(
      parseCda(shallow.replaceAll('</content>'.repeat(depth), '</content>'.repeat(50))).kind,
    ).toBe('cda');
  });
});

describe('parseCda makes hostile narrative inert', () => {
  const document = parsed(parseCda(hostileCda));
  const narrative = narrativeOf(document);
  const serialised = JSON.stringify(document);

  it('keeps the readable text', () => {
    const text = textOf(narrative);
    expect(text).toContain('Visible paragraph');
    expect(text).toContain('Cell text');
    expect(text).toContain('Unknown element text');
  });

  it('drops scripts, styles and iframes with their content', () => {
    expect(serialised).not.toMatch(/alert|stealCookies|evilStyle|iframe/);
  });

  it('keeps markup inside CDATA as text', () => {
    expect(textOf(narrative)).toContain('<script>cdataMarker()</script>');
  });

  it('drops event handlers and every other attribute outside the allowlist', () => {
    expect(serialised).not.toMatch(/onclick|onerror|onmouseover|steal|position:fixed/);
    const allowedKeys = new Set([
      'kind',
      'tag',
      'styles',
      'ordered',
      'colSpan',
      'rowSpan',
      'children',
      'text',
      'url',
      'mediaType',
      'base64',
      'caption',
    ]);
    expect(
      narrative.flatMap((node) => Object.keys(node)).every((key) => allowedKeys.has(key)),
    ).toBe(true);
    const cells = narrative.filter((node) => node.kind === 'element' && node.tag === 'td');
    expect(cells.map((cell) => cell.kind === 'element' && [cell.colSpan, cell.rowSpan])).toEqual([
      [2, undefined],
      [undefined, undefined],
    ]);
  });

  it('never keeps a remote or scripted address', () => {
    expect(serialised).not.toMatch(/tracker|javascript:|vbscript|data:text/i);
    const links = narrative.filter((node) => node.kind === 'link');
    expect(links).toEqual([
      { kind: 'link', text: 'Click me' },
      { kind: 'link', text: 'Obfuscated' },
      { kind: 'link', text: 'Reference site', url: 'https://example.org/info' },
    ]);
  });

  it('shows only inline images that really are images', () => {
    const media = narrative.filter((node) =>
      ['image', 'unavailable-media', 'attachment'].includes(node.kind),
    );
    expect(media).toEqual([
      { kind: 'image', mediaType: 'image/png', base64: PNG_1X1_BASE64, caption: 'Inline image' },
      { kind: 'unavailable-media' },
      { kind: 'unavailable-media' },
      { kind: 'unavailable-media' },
    ]);
  });

  it('styles only through the mapped classes', () => {
    const styled = narrative.filter(
      (node) => node.kind === 'element' && node.tag === 'content' && node.styles.length > 0,
    );
    expect(styled.map((node) => node.kind === 'element' && node.styles)).toEqual([
      ['bold', 'underline'],
    ]);
  });

  it('ignores unknown header elements', () => {
    expect(document.header.title).toBe('Hostile document');
  });
});

describe('parseCda never follows a level-1 body', () => {
  const level1 = (text: string) =>
    `<ClinicalDocument xmlns="urn:hl7-org:v3"><title>L1</title><component><nonXMLBody>${text}</nonXMLBody></component></ClinicalDocument>`;

  it('leaves a javascript: reference unread', () => {
    const document = parsed(
      parseCda(
        level1('<text mediaType="text/html"><reference value="javascript:alert(1)"/></text>'),
      ),
    );
    expect(document.body).toEqual({ kind: 'reference' });
    expect(JSON.stringify(document)).not.toContain('javascript');
  });

  it('does not show as PDF a base64 body that is not one', () => {
    const html = Buffer.from('<iframe src="javascript:alert(1)"></iframe>').toString('base64');
    const document = parsed(
      parseCda(level1(`<text mediaType="application/pdf" representation="B64">${html}</text>`)),
    );
    expect(document.body).toEqual({ kind: 'unsupported', mediaType: 'application/pdf' });
  });

  it('does not render an embedded HTML body', () => {
    const html = Buffer.from('<script>alert(1)</script>').toString('base64');
    const document = parsed(
      parseCda(level1(`<text mediaType="text/html" representation="B64">${html}</text>`)),
    );
    expect(document.body).toEqual({ kind: 'unsupported', mediaType: 'text/html' });
  });

  it('reads a plain text body, inline or base64, as text', () => {
    const inline = parsed(parseCda(level1('<text mediaType="text/plain">Ligne 1\nLigne 2</text>')));
    expect(inline.body).toEqual({ kind: 'text', text: 'Ligne 1\nLigne 2' });
    const encoded = Buffer.from('Résultat <b>normal</b>').toString('base64');
    const base64 = parsed(
      parseCda(level1(`<text mediaType="text/plain" representation="B64">${encoded}</text>`)),
    );
    expect(base64.body).toEqual({ kind: 'text', text: 'Résultat <b>normal</b>' });
  });
});
