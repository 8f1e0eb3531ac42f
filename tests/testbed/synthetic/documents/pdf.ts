import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

export interface PdfContent {
  title: string;
  /** Printed under the title: patient identity, author, date. */
  header: readonly string[];
  paragraphs: readonly string[];
  /** Fixes the PDF metadata dates, so the bytes are reproducible. */
  date: Date;
}

const PAGE = { width: 595.28, height: 841.89, margin: 56 };

function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A one-page A4 PDF with standard fonts only (WinAnsi covers French accents). */
export async function renderPdf(content: PdfContent): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(content.title);
  pdf.setAuthor('Regard synthetic data');
  pdf.setProducer('pdf-lib');
  pdf.setCreator('Regard synthetic data');
  pdf.setCreationDate(content.date);
  pdf.setModificationDate(content.date);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  page.drawText(content.title, {
    x: PAGE.margin,
    y,
    size: 16,
    font: bold,
    color: rgb(0.1, 0.2, 0.45),
  });
  y -= 26;
  for (const line of content.header) {
    page.drawText(line, { x: PAGE.margin, y, size: 10, font: regular, color: rgb(0.3, 0.3, 0.3) });
    y -= 14;
  }
  y -= 10;
  for (const paragraph of content.paragraphs) {
    for (const line of wrap(paragraph, 95)) {
      page.drawText(line, { x: PAGE.margin, y, size: 11, font: regular });
      y -= 15;
    }
    y -= 8;
  }
  page.drawText('Document de test synthétique - aucune donnée réelle', {
    x: PAGE.margin,
    y: 30,
    size: 8,
    font: regular,
    color: rgb(0.6, 0.6, 0.6),
  });
  return pdf.save({ useObjectStreams: false });
}
