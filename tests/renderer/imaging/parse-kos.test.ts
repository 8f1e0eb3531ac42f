import { beforeAll, describe, expect, it } from 'vitest';
import { resolveRetrieveUrl } from '../../../electron/host/dicomweb/resolve-retrieve-url';
import { KosError, parseKos } from '../../../renderer/src/imaging/kos/parse-kos';
import { kosSelection, type KosManifest } from '../../../shared/imaging/kos';
import { buildKos, type KosSeriesReference } from '../../testbed/synthetic/dicom/kos';
import { loadEncoders } from '../../testbed/synthetic/dicom/pixelData';
import { renderSeries } from '../../testbed/synthetic/dicom/renderSeries';
import { STUDY_PLANS, studyPlan, type StudyPlan } from '../../testbed/synthetic/dicom/studyPlan';
import {
  SopClass,
  TransferSyntax,
  type TransferSyntaxUid,
} from '../../testbed/synthetic/dicom/transferSyntaxes';
import {
  kosSopInstanceUid,
  seriesInstanceUid,
  sopInstanceUid,
  studyInstanceUid,
} from '../../testbed/synthetic/dicom/uids';
import { writePart10, type Dataset } from '../../testbed/synthetic/dicom/writer';
import { createRng } from '../../testbed/synthetic/prng';

const DICOMWEB = 'http://pacs.invalid/dicom-web';

const SOP_CLASS_OF: Record<string, string> = {
  CT: SopClass.ct,
  MR: SopClass.mr,
  CR: SopClass.cr,
  DX: SopClass.dxForPresentation,
  US: SopClass.usMultiframe,
};

/**
 * The series a study's KOS references, with the generator's UIDs: enough instances per series for
 * the plan's key images, and a few more that are not key images.
 */
function kosReferences(study: StudyPlan): KosSeriesReference[] {
  return study.series.map((series) => {
    const keyIndexes = study.keyImages
      .filter((key) => key.seriesKey === series.key)
      .map((key) => key.instanceIndex);
    const count = Math.max(3, ...keyIndexes.map((index) => index + 2));
    return {
      seriesKey: series.key,
      seriesInstanceUid: seriesInstanceUid(study, series),
      sopClassUid: SOP_CLASS_OF[series.modality] ?? SopClass.ct,
      sopInstanceUids: Array.from({ length: count }, (_, i) => sopInstanceUid(study, series, i)),
    };
  });
}

function kosOf(study: StudyPlan): Uint8Array {
  return buildKos(study, kosReferences(study), DICOMWEB).bytes;
}

/** What the viewer must read from a study's KOS, from the plan alone. */
function expectedManifest(study: StudyPlan): Omit<KosManifest, 'description'> {
  const studyUid = studyInstanceUid(study);
  const references = kosReferences(study);
  return {
    sopInstanceUid: kosSopInstanceUid(study),
    studies: [
      {
        studyInstanceUid: studyUid,
        series: references.map((reference) => ({
          seriesInstanceUid: reference.seriesInstanceUid,
          retrieveUrl: `${DICOMWEB}/studies/${studyUid}/series/${reference.seriesInstanceUid}`,
          sopInstanceUids: [...reference.sopInstanceUids],
        })),
      },
    ],
    keyImages: study.keyImages.map((key) => {
      const series = study.series.find((candidate) => candidate.key === key.seriesKey);
      if (!series) throw new Error(`no series ${key.seriesKey}`);
      return sopInstanceUid(study, series, key.instanceIndex);
    }),
  };
}

const KOS_CLASS = SopClass.keyObjectSelection;

/** A hand-made KOS for structural cases the generator does not produce. */
function handMadeKos(
  dataset: Dataset,
  syntax: TransferSyntaxUid = TransferSyntax.explicitLittleEndian,
) {
  return writePart10(
    { SOPClassUID: KOS_CLASS, SOPInstanceUID: '1.2.3.4', Modality: 'KO', ...dataset },
    syntax,
  );
}

const EVIDENCE: Dataset = {
  CurrentRequestedProcedureEvidenceSequence: [
    {
      StudyInstanceUID: '1.2.3',
      ReferencedSeriesSequence: [
        {
          SeriesInstanceUID: '1.2.3.1',
          ReferencedSOPSequence: [
            { ReferencedSOPClassUID: SopClass.ct, ReferencedSOPInstanceUID: '1.2.3.1.1' },
            { ReferencedSOPClassUID: SopClass.ct, ReferencedSOPInstanceUID: '1.2.3.1.2' },
          ],
        },
      ],
    },
  ],
};

function imageItem(uid: string): Dataset {
  return {
    RelationshipType: 'CONTAINS',
    ValueType: 'IMAGE',
    ReferencedSOPSequence: [{ ReferencedSOPClassUID: SopClass.ct, ReferencedSOPInstanceUID: uid }],
  };
}

/** A content item `depth` levels below the root, holding `leaf`. */
function nested(depth: number, leaf: Dataset): Dataset[] {
  let items: Dataset[] = [leaf];
  for (let level = 1; level < depth; level++) {
    items = [{ RelationshipType: 'CONTAINS', ValueType: 'CONTAINER', ContentSequence: items }];
  }
  return items;
}

/** The outcome of parsing untrusted bytes: a manifest, a KosError, or anything else (a crash). */
function outcome(bytes: Uint8Array): 'manifest' | 'kos-error' | string {
  try {
    parseKos(bytes);
    return 'manifest';
  } catch (error) {
    return error instanceof KosError ? 'kos-error' : `crash: ${String(error)}`;
  }
}

describe('parseKos on the generator’s manifests', () => {
  it.each(STUDY_PLANS.map((study) => [study.key, study] as const))(
    'reads the evidence, retrieve URLs and key images of %s',
    (_, study) => {
      const manifest = parseKos(kosOf(study));
      const { description, ...rest } = manifest;
      expect(rest).toEqual(expectedManifest(study));
      expect(description).toBeTruthy();
    },
  );

  it('reads the key object description as text, accents included (ISO_IR 192)', () => {
    const study = studyPlan('main-ct-2026');
    expect(parseKos(kosOf(study)).description).toBe(
      `${study.description} : ${study.report.conclusion}`,
    );
  });

  it('names key images that all lie in the evidence, ready for a key-image selection', () => {
    const study = studyPlan('main-ct-2026');
    const manifest = parseKos(kosOf(study));
    expect(manifest.keyImages).toHaveLength(3);
    const selection = kosSelection(manifest, true);
    expect(
      selection.flatMap((entry) => entry.series.flatMap((series) => series.sopInstanceUids)),
    ).toEqual(manifest.keyImages);
  });

  it('gives retrieve URLs the host maps back to the configured source', () => {
    const study = studyPlan('main-ct-2026');
    const manifest = parseKos(kosOf(study));
    const series = manifest.studies[0]?.series[1];
    expect(series?.retrieveUrl).toBeDefined();
    expect(
      resolveRetrieveUrl(series?.retrieveUrl ?? '', [{ id: 'pacs', dicomwebUrl: DICOMWEB }]),
    ).toEqual({
      sourceId: 'pacs',
      path: `studies/${studyInstanceUid(study)}/series/${series?.seriesInstanceUid}`,
    });
  });

  it('reads a manifest that is a view into a larger buffer', () => {
    const study = studyPlan('main-mr-2024');
    const bytes = kosOf(study);
    const larger = new Uint8Array(bytes.length + 300);
    larger.set(bytes, 100);
    expect(parseKos(larger.subarray(100, 100 + bytes.length))).toEqual(parseKos(bytes));
  });
});

describe('parseKos on other well-formed manifests', () => {
  it.each([
    ['explicit little endian', TransferSyntax.explicitLittleEndian],
    ['implicit little endian', TransferSyntax.implicitLittleEndian],
    ['explicit big endian', TransferSyntax.explicitBigEndian],
  ] as const)('reads a manifest in %s', (_, syntax) => {
    const bytes = handMadeKos({ ...EVIDENCE, ContentSequence: [imageItem('1.2.3.1.2')] }, syntax);
    expect(parseKos(bytes)).toEqual({
      sopInstanceUid: '1.2.3.4',
      description: undefined,
      studies: [
        {
          studyInstanceUid: '1.2.3',
          series: [
            {
              seriesInstanceUid: '1.2.3.1',
              retrieveUrl: undefined,
              sopInstanceUids: ['1.2.3.1.1', '1.2.3.1.2'],
            },
          ],
        },
      ],
      keyImages: ['1.2.3.1.2'],
    });
  });

  it('finds key images nested in containers, down to a bounded depth', () => {
    const shallow = handMadeKos({
      ...EVIDENCE,
      ContentSequence: nested(4, imageItem('1.2.3.1.1')),
    });
    expect(parseKos(shallow).keyImages).toEqual(['1.2.3.1.1']);
    const deep = handMadeKos({ ...EVIDENCE, ContentSequence: nested(12, imageItem('1.2.3.1.1')) });
    expect(parseKos(deep).keyImages).toEqual([]);
  });

  it('takes only IMAGE items as key images', () => {
    const bytes = handMadeKos({
      ...EVIDENCE,
      ContentSequence: [
        { ...imageItem('1.2.3.1.1'), ValueType: 'COMPOSITE' },
        { RelationshipType: 'CONTAINS', ValueType: 'TEXT', TextValue: 'Nodule' },
        imageItem('1.2.3.1.2'),
      ],
    });
    const manifest = parseKos(bytes);
    expect(manifest.keyImages).toEqual(['1.2.3.1.2']);
    expect(manifest.description).toBe('Nodule');
  });

  it('skips studies, series and instances whose UIDs are not UIDs', () => {
    const bytes = handMadeKos({
      CurrentRequestedProcedureEvidenceSequence: [
        { StudyInstanceUID: 'not a uid', ReferencedSeriesSequence: [] },
        {
          StudyInstanceUID: '1.2.3',
          ReferencedSeriesSequence: [
            { SeriesInstanceUID: '1.2.x', ReferencedSOPSequence: [] },
            {
              SeriesInstanceUID: '1.2.3.1',
              RetrieveURL: 'http://pacs.invalid/dicom-web/studies/1.2.3/series/1.2.3.1',
              ReferencedSOPSequence: [
                { ReferencedSOPClassUID: SopClass.ct, ReferencedSOPInstanceUID: '1.2.3.1.1' },
                { ReferencedSOPClassUID: SopClass.ct, ReferencedSOPInstanceUID: '1..2' },
                {
                  ReferencedSOPClassUID: SopClass.ct,
                  ReferencedSOPInstanceUID: `1.${'2'.repeat(70)}`,
                },
              ],
            },
          ],
        },
      ],
    });
    expect(parseKos(bytes).studies).toEqual([
      {
        studyInstanceUid: '1.2.3',
        series: [
          {
            seriesInstanceUid: '1.2.3.1',
            retrieveUrl: 'http://pacs.invalid/dicom-web/studies/1.2.3/series/1.2.3.1',
            sopInstanceUids: ['1.2.3.1.1'],
          },
        ],
      },
    ]);
  });
});

describe('parseKos on hostile input', () => {
  let ctInstance: Uint8Array;

  beforeAll(async () => {
    const study = studyPlan('main-ct-2026');
    const axial = study.series.find((series) => series.key === 'axial');
    if (!axial) throw new Error('no axial series');
    // The series is rendered lazily: only its first slice is made.
    for (const instance of renderSeries(study, axial, await loadEncoders())) {
      ctInstance = instance.bytes;
      break;
    }
  });

  it('refuses random bytes with a KosError', () => {
    const random = createRng('parse-kos random');
    for (const length of [0, 1, 131, 132, 200, 4096, 100_000]) {
      const bytes = Uint8Array.from({ length }, () => random.int(0, 255));
      expect(() => parseKos(bytes), `${length}`).toThrow(KosError);
    }
  });

  it('refuses random bytes behind a DICOM preamble', () => {
    const random = createRng('parse-kos preamble');
    for (let trial = 0; trial < 50; trial++) {
      const bytes = Uint8Array.from({ length: 1000 }, () => random.int(0, 255));
      bytes.set([0x44, 0x49, 0x43, 0x4d], 128);
      expect(outcome(bytes), `${trial}`).toBe('kos-error');
    }
  });

  it('refuses a DICOM image that is not a KOS', () => {
    expect(ctInstance.length).toBeGreaterThan(100_000);
    expect(() => parseKos(ctInstance)).toThrow(KosError);
    expect(() => parseKos(ctInstance)).toThrow(/not a KOS/);
  });

  it('refuses a KOS without evidence', () => {
    expect(() => parseKos(handMadeKos({ ContentSequence: [imageItem('1.2.3.1.1')] }))).toThrow(
      /without evidence/,
    );
    const onlyBadStudies = handMadeKos({
      CurrentRequestedProcedureEvidenceSequence: [{ StudyInstanceUID: 'x' }],
    });
    expect(() => parseKos(onlyBadStudies)).toThrow(KosError);
  });

  it('refuses a manifest cut in half', () => {
    const bytes = kosOf(studyPlan('main-ct-2026'));
    expect(() => parseKos(bytes.subarray(0, Math.floor(bytes.length / 2)))).toThrow(KosError);
    expect(() => parseKos(bytes.subarray(0, 140))).toThrow(KosError);
  });

  it('never crashes on a manifest cut anywhere', () => {
    const bytes = kosOf(studyPlan('main-ct-2023'));
    const outcomes = new Set<string>();
    for (let length = 0; length < bytes.length; length += 7) {
      outcomes.add(outcome(bytes.subarray(0, length)));
    }
    expect([...outcomes].filter((result) => result.startsWith('crash'))).toEqual([]);
    expect(outcomes.has('kos-error')).toBe(true);
  });

  it('never crashes on a manifest with corrupted bytes', () => {
    const original = kosOf(studyPlan('main-mr-2024'));
    const random = createRng('parse-kos corruption');
    const crashes: string[] = [];
    for (let trial = 0; trial < 300; trial++) {
      const bytes = original.slice();
      for (let flips = 0; flips < 4; flips++) {
        // Past the preamble and DICM prefix, where lengths and tags live.
        const at = random.int(132, bytes.length - 1);
        bytes[at] = random.int(0, 255);
      }
      const result = outcome(bytes);
      if (result.startsWith('crash')) crashes.push(`${trial}: ${result}`);
    }
    expect(crashes).toEqual([]);
  });
});
