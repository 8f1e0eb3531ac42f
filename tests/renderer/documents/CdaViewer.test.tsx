// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CdaParserContext } from '../../../renderer/src/documents/cda-parser-context';
import { CdaViewer } from '../../../renderer/src/documents/viewers/CdaViewer';
import { initI18n } from '../../../renderer/src/i18n/i18n';
import { hostileCda } from '../../support/hostile-cda';
import { buttonNamed, click, parseInPlace, render, utf8, type Rendered } from './render';

// pdf.js needs a real canvas: the PDF parts are covered in Chromium end to end.
vi.mock('../../../renderer/src/documents/viewers/pdfjs', () => ({
  openPdf: () => Promise.reject(new Error('no pdf.js under jsdom')),
}));

const CDA_DIR = resolve(import.meta.dirname, '../../../../shared/testdata/cda');
const example = (name: string) => new Uint8Array(readFileSync(resolve(CDA_DIR, name)));

let rendered: Rendered | undefined;
beforeAll(async () => {
  await initI18n('fr');
});
afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

async function show(bytes: Uint8Array): Promise<HTMLElement> {
  rendered = await render(
    <CdaParserContext value={parseInPlace}>
      <CdaViewer bytes={bytes} />
    </CdaParserContext>,
  );
  return rendered.container;
}

describe('CdaViewer on a hostile document', () => {
  it('renders the text and nothing active', async () => {
    const container = await show(utf8(hostileCda));
    const elements = Array.from(container.querySelectorAll('*'));

    expect(container.querySelectorAll('[data-testid="cda-section"]')).toHaveLength(1);
    const text = container.textContent ?? '';
    expect(text).toContain('Visible paragraph');
    expect(text).toContain('Cell text');
    expect(text).toContain('Unknown element text');
    expect(text).toContain('<script>cdataMarker()</script>');
    expect(text).toContain('https://example.org/info');

    expect(container.querySelectorAll('script, style, iframe, object, embed, svg')).toHaveLength(0);
    const attributes = elements.flatMap((element) => Array.from(element.attributes));
    expect(attributes.filter((attribute) => /^on/i.test(attribute.name))).toEqual([]);
    expect(attributes.filter((attribute) => attribute.name === 'style')).toEqual([]);
    const addresses = attributes
      .filter((attribute) =>
        ['src', 'href', 'srcset', 'action', 'xlink:href'].includes(attribute.name),
      )
      .map((attribute) => attribute.value);
    expect(addresses).toEqual([expect.stringMatching(/^data:image\/png;base64,/)]);
    expect(container.querySelectorAll('a')).toHaveLength(0);
  });

  it('says a remote or disguised image is not shown', async () => {
    const container = await show(utf8(hostileCda));
    expect(container.querySelectorAll('.cda-media-unavailable')).toHaveLength(3);
    expect(container.querySelector('img')?.getAttribute('alt')).toBe('Inline image');
  });

  it('says why a refused document is not shown', async () => {
    const container = await show(
      utf8('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><ClinicalDocument/>'),
    );
    const error = container.querySelector('[data-testid="viewer-error"]');
    expect(error?.getAttribute('data-reason')).toBe('doctype');
    expect(error?.textContent).toMatch(/DOCTYPE/);
  });
});

describe('CdaViewer on the public examples', () => {
  it('shows the CR-IMG header and its sections', async () => {
    const container = await show(example('ans-IMG_CR_IMG_2024.01.xml'));
    expect(container.querySelector('[data-testid="cda-ins"]')?.textContent).toBe('279035121518989');
    expect(container.querySelectorAll('[data-testid="cda-study-uid"]')).toHaveLength(3);
    expect(container.querySelectorAll('[data-testid="cda-section"]').length).toBeGreaterThan(20);
    expect(buttonNamed(container, 'Ouvrir le document joint (PDF)')).toBeDefined();
  });

  it('shows the PDF copy of the CR-BIO first, the structured view on request', async () => {
    const container = await show(example('ans-BIO-CR-BIO_2024.01_TSH_1.xml'));
    expect(container.querySelector('[data-testid="cda-section"]')).toBeNull();
    expect(
      container.querySelector('[data-testid="pdf-broken"], [data-testid="pdf-viewer"]'),
    ).not.toBeNull();

    await click(buttonNamed(container, 'Afficher la version structurée'));
    expect(container.querySelectorAll('[data-testid="cda-section"]').length).toBeGreaterThan(0);
    expect(buttonNamed(container, 'Afficher la copie PDF')).toBeDefined();
  });

  it('hands the PDF body of a level-1 document to the PDF viewer', async () => {
    const container = await show(example('ans-DOC_NON_STRUCTURE_CDA-R2-N1.xml'));
    expect(container.querySelector('[data-testid="cda-header"]')).not.toBeNull();
    expect(container.querySelector('[data-testid="pdf-broken"]')).not.toBeNull();
    expect(container.querySelector('[data-testid="cda-section"]')).toBeNull();
  });

  it('shows the narrative of the HL7 sample, with its table and list', async () => {
    const container = await show(example('hl7-cda-r2-consultation-note.xml'));
    expect(container.querySelectorAll('table.cda-table').length).toBeGreaterThan(0);
    expect(container.querySelectorAll('ul li, ol li').length).toBeGreaterThan(0);
    expect(container.textContent).toContain('Henry Levin, the 7');
  });
});
