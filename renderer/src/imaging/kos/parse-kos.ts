import dicomParser, { type DataSet } from 'dicom-parser';
import type { KosManifest, KosSeriesReference } from '../../../../shared/imaging/kos';

const UID = /^[0-9]+(\.[0-9]+)*$/;
const KOS_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.88.59';

export class KosError extends Error {}

function uid(dataSet: DataSet, tag: string): string | undefined {
  const value = dataSet.string(tag)?.replace(/\0/g, '').trim();
  return value && value.length <= 64 && UID.test(value) ? value : undefined;
}

/** Text in the manifest's character set: UTF-8 (ISO_IR 192), else Latin-1 and its superset. */
function textDecoderFor(specificCharacterSet: string | undefined): TextDecoder {
  return new TextDecoder(specificCharacterSet?.includes('ISO_IR 192') ? 'utf-8' : 'windows-1252');
}

function text(dataSet: DataSet, tag: string, decoder: TextDecoder): string | undefined {
  const element = dataSet.elements[tag];
  if (!element || element.length <= 0) return undefined;
  const bytes = dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
  return decoder.decode(bytes).replace(/[\s\0]+$/, '') || undefined;
}

function items(dataSet: DataSet, tag: string): DataSet[] {
  return (dataSet.elements[tag]?.items ?? []).flatMap((item) =>
    item.dataSet ? [item.dataSet] : [],
  );
}

function referencedInstances(dataSet: DataSet): string[] {
  return items(dataSet, 'x00081199').flatMap((item) => {
    const sop = uid(item, 'x00081155');
    return sop ? [sop] : [];
  });
}

/** Key images: IMAGE items of the content tree, at any depth. */
function keyImagesOf(dataSet: DataSet, depth = 0): string[] {
  if (depth > 8) return [];
  return items(dataSet, 'x0040a730').flatMap((item) => [
    ...(item.string('x0040a040')?.trim() === 'IMAGE' ? referencedInstances(item) : []),
    ...keyImagesOf(item, depth + 1),
  ]);
}

/**
 * Reads a KOS manifest (DICOM Part 10 bytes from the record) into the references the viewer opens.
 * The bytes are untrusted: anything malformed is refused with a KosError.
 */
export function parseKos(bytes: Uint8Array): KosManifest {
  let dataSet: DataSet;
  try {
    dataSet = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
  } catch {
    throw new KosError('not a DICOM file');
  }
  if (uid(dataSet, 'x00080016') !== KOS_SOP_CLASS) throw new KosError('not a KOS manifest');
  const studies = items(dataSet, 'x0040a375').flatMap((study) => {
    const studyInstanceUid = uid(study, 'x0020000d');
    if (!studyInstanceUid) return [];
    const series: KosSeriesReference[] = items(study, 'x00081115').flatMap((item) => {
      const seriesInstanceUid = uid(item, 'x0020000e');
      if (!seriesInstanceUid) return [];
      const retrieveUrl = item.string('x00081190')?.trim() || undefined;
      return [{ seriesInstanceUid, retrieveUrl, sopInstanceUids: referencedInstances(item) }];
    });
    return [{ studyInstanceUid, series }];
  });
  if (studies.length === 0) throw new KosError('KOS without evidence');
  const decoder = textDecoderFor(dataSet.string('x00080005'));
  const description = items(dataSet, 'x0040a730')
    .map((item) => text(item, 'x0040a160', decoder))
    .find((value) => value);
  return {
    sopInstanceUid: uid(dataSet, 'x00080018'),
    description,
    studies,
    keyImages: keyImagesOf(dataSet),
  };
}
