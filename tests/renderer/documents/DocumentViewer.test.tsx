// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CdaParserContext } from '../../../renderer/src/documents/cda-parser-context';
import { DocumentViewer } from '../../../renderer/src/documents/viewers/DocumentViewer';
import { ViewerErrorBoundary } from '../../../renderer/src/documents/viewers/ViewerErrorBoundary';
import { initI18n } from '../../../renderer/src/i18n/i18n';
import { PNG_1X1_BASE64 } from '../../support/hostile-cda';
import { buttonNamed, click, parseInPlace, render, utf8, type Rendered } from './render';

vi.mock('../../../renderer/src/documents/viewers/pdfjs', () => ({
  openPdf: () => Promise.reject(new Error('no pdf.js under jsdom')),
}));

const PNG = new Uint8Array(Buffer.from(PNG_1X1_BASE64, 'base64'));
let rendered: Rendered | undefined;
const createObjectURL = vi.fn((_blob: Blob) => 'blob:regard/1');
const revokeObjectURL = vi.fn((_url: string) => undefined);

beforeAll(async () => {
  await initI18n('fr');
  Object.assign(URL, { createObjectURL, revokeObjectURL });
});
beforeEach(() => {
  createObjectURL.mockClear();
  revokeObjectURL.mockClear();
});
afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
  vi.restoreAllMocks();
});

async function show(
  bytes: Uint8Array,
  declaredType: string,
  title = 'Compte rendu',
): Promise<HTMLElement> {
  rendered = await render(
    <CdaParserContext value={parseInPlace}>
      <DocumentViewer bytes={bytes} declaredType={declaredType} title={title} />
    </CdaParserContext>,
  );
  return rendered.container;
}

/** jsdom's Blob has no arrayBuffer(). */
const read = (blob: Blob) =>
  new Promise<ArrayBuffer>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.readAsArrayBuffer(blob);
  });

const viewerOf = (container: HTMLElement) =>
  container.querySelector('[data-testid="document-viewer"]')?.getAttribute('data-viewer');

describe('DocumentViewer', () => {
  it('says when the declared type lies, and shows what the bytes are', async () => {
    const container = await show(utf8('<html><body>pas un PDF</body></html>'), 'application/pdf');
    expect(viewerOf(container)).toBe('text');
    expect(container.querySelector('[data-testid="type-mismatch"]')?.textContent).toBe(
      'Ce document n’est pas ce que son type annonce (application/pdf) : il est affiché comme texte.',
    );
    expect(container.querySelector('[data-testid="viewer-text"]')?.textContent).toBe(
      '<html><body>pas un PDF</body></html>',
    );
  });

  it('says nothing when the type is right', async () => {
    const container = await show(utf8('Texte simple'), 'text/plain');
    expect(container.querySelector('[data-testid="type-mismatch"]')).toBeNull();
  });

  it('offers export of a format it cannot display, with the extension of what the bytes are', async () => {
    const dicom = new Uint8Array(300);
    dicom.set(utf8('DICM'), 128);
    const container = await show(dicom, 'application/dicom', 'Images : scanner/thorax');
    expect(container.querySelector('[data-testid="viewer-unsupported"]')?.textContent).toContain(
      'Ce format ne peut pas être affiché',
    );
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });

    const exportButtons = Array.from(container.querySelectorAll('button')).filter(
      (button) => button.textContent === 'Exporter',
    );
    expect(exportButtons).toHaveLength(2);
    await click(exportButtons[1]);

    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe('Images _ scanner_thorax.dcm');
    expect(clicked[0]?.getAttribute('href')).toBe('blob:regard/1');
    const blob = createObjectURL.mock.calls[0]?.[0] ?? new Blob();
    expect(blob.type).toBe('application/dicom');
    expect(new Uint8Array(await read(blob))).toEqual(dicom);
  });

  it('shows an image through a blob: URL, revoked on unmount', async () => {
    const container = await show(PNG, 'image/png');
    expect(viewerOf(container)).toBe('image');
    expect(container.querySelector('img')?.getAttribute('src')).toBe('blob:regard/1');
    expect(createObjectURL.mock.calls[0]?.[0].type).toBe('image/png');
    rendered?.unmount();
    rendered = undefined;
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:regard/1');
  });

  it('prints with only the document pane marked for printing', async () => {
    const container = await show(utf8('Texte à imprimer'), 'text/plain');
    const viewer = container.querySelector('[data-testid="document-viewer"]');
    const classesWhilePrinting: string[] = [];
    const print = vi.fn(() => {
      classesWhilePrinting.push(viewer?.className ?? '');
    });
    vi.stubGlobal('print', print);
    await click(buttonNamed(container, 'Imprimer'));
    expect(print).toHaveBeenCalledTimes(1);
    expect(classesWhilePrinting).toEqual(['document-viewer printing']);
    expect(viewer?.className).toBe('document-viewer');
    vi.unstubAllGlobals();
  });

  it('shows a refused CDA as a message, not as an error of the app', async () => {
    const deep = `<ClinicalDocument>${'<a>'.repeat(10_000)}`;
    const container = await show(utf8(deep), 'text/xml');
    expect(viewerOf(container)).toBe('cda');
    expect(
      container.querySelector('[data-testid="viewer-error"]')?.getAttribute('data-reason'),
    ).toBe('too-deep');
  });
});

describe('ViewerErrorBoundary', () => {
  it('keeps a failing viewer inside its pane', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const Broken = () => {
      throw new Error('viewer bug');
    };
    rendered = await render(
      <div>
        <p>rest of the app</p>
        <ViewerErrorBoundary resetKey={1} fallback={<p role="alert">failed</p>}>
          <Broken />
        </ViewerErrorBoundary>
      </div>,
    );
    expect(rendered.container.textContent).toBe('rest of the appfailed');
  });
});
