import { Enums, imageRetrievalPoolManager, type Types } from '@cornerstonejs/core';
import { createImage, wadors } from '@cornerstonejs/dicom-image-loader';
import { dicomNumber, Tag } from '../../../../shared/dicom/dicom-json';
import { firstMultipartPart, transferSyntaxOfPart } from '../../../../shared/dicom/multipart';
import { checkFrame, sniffJpeg2000Syntax } from '../../../../shared/imaging/frame-check';
import { ImagingError } from '../../../../shared/imaging/imaging-error';
import { gatewayGet } from '../loading/imaging-fetch';

/**
 * The image loader for the `regard:` scheme: `regard:<gateway URL of one frame>`. It fetches the
 * frame through the host's gateway inside Cornerstone3D's retrieval pool (so priorities hold),
 * checks the bytes against the instance's metadata, then hands them to the DICOM image loader,
 * which decodes in its web workers. Cancelling aborts the request.
 */
export const REGARD_SCHEME = 'regard';

/** Frames as stored (no transcoding on the PACS), else as the PACS's default (explicit LE). */
const AS_STORED = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';
const AS_DEFAULT = 'multipart/related; type="application/octet-stream"';

/**
 * Series whose PACS refused to send frames as stored (Orthanc answers 500 for big endian,
 * deflate and HTJ2K): their frames are asked for in the default syntax from then on.
 */
const defaultSyntaxSeries = new Set<string>();

async function fetchFrame(url: string, signal: AbortSignal): Promise<Response> {
  const series = url.slice(0, url.indexOf('/instances/'));
  if (!defaultSyntaxSeries.has(series)) {
    try {
      return await gatewayGet(url, AS_STORED, signal, { retryServerErrors: false });
    } catch (error) {
      if (!(error instanceof ImagingError) || error.status !== 500) throw error;
      defaultSyntaxSeries.add(series);
    }
  }
  return gatewayGet(url, AS_DEFAULT, signal);
}

export function frameImageId(
  gatewayBase: string,
  studyUid: string,
  seriesUid: string,
  sopUid: string,
  frame: number,
): string {
  return `${REGARD_SCHEME}:${gatewayBase}studies/${studyUid}/series/${seriesUid}/instances/${sopUid}/frames/${frame}`;
}

interface CheckedFrame {
  bytes: Uint8Array;
  transferSyntax: string;
}

/** Fetches one frame and checks it against its instance's metadata; no decoding. */
async function retrieveFrame(imageId: string, signal: AbortSignal): Promise<CheckedFrame> {
  const url = imageId.slice(REGARD_SCHEME.length + 1);
  const response = await fetchFrame(url, signal);
  const body = new Uint8Array(await response.arrayBuffer());
  let part;
  try {
    part = firstMultipartPart(response.headers.get('content-type'), body);
  } catch (error) {
    throw new ImagingError('bad-frame', undefined, (error as Error).message);
  }
  const declared = transferSyntaxOfPart(part.contentType);
  const metadata = wadors.metaDataManager.get(imageId);
  if (!metadata) throw new ImagingError('bad-frame', undefined, 'no metadata for frame');
  const layout = {
    rows: dicomNumber(metadata, Tag.rows) ?? 0,
    columns: dicomNumber(metadata, Tag.columns) ?? 0,
    samplesPerPixel: dicomNumber(metadata, Tag.samplesPerPixel) ?? 1,
    bitsAllocated: dicomNumber(metadata, Tag.bitsAllocated) ?? 16,
  };
  let transferSyntax = declared;
  let check = checkFrame(part.bytes, declared, layout);
  // A codestream labelled uncompressed (Orthanc with HTJ2K) is decoded as what it really is.
  const actual =
    !check.ok && check.problem === 'mislabelled' ? sniffJpeg2000Syntax(part.bytes) : undefined;
  if (actual) {
    transferSyntax = actual;
    check = checkFrame(part.bytes, actual, layout);
  }
  if (!check.ok) throw new ImagingError('bad-frame', undefined, check.problem);
  return { bytes: part.bytes, transferSyntax };
}

async function decode(
  imageId: string,
  frame: CheckedFrame,
  options: Record<string, unknown>,
): Promise<Types.IImage> {
  try {
    return (await createImage(imageId, frame.bytes, frame.transferSyntax, options)) as Types.IImage;
  } catch (error) {
    throw new ImagingError('bad-frame', undefined, `decode: ${(error as Error)?.message ?? ''}`);
  }
}

export function loadRegardImage(
  imageId: string,
  options: {
    priority?: number;
    requestType?: Enums.RequestType;
    [key: string]: unknown;
  } = {},
): Types.IImageLoadObject {
  const controller = new AbortController();
  // The retrieval pool holds a request while its frame is on the network only: decoding (in the
  // workers) follows outside it, so the next fetches start without waiting for decodes.
  const retrieved = new Promise<CheckedFrame>((resolve, reject) => {
    imageRetrievalPoolManager.addRequest(
      () => retrieveFrame(imageId, controller.signal).then(resolve, reject),
      options.requestType ?? Enums.RequestType.Interaction,
      { imageId },
      options.priority ?? 5,
    );
  });
  const promise = retrieved.then(
    (frame) => {
      controller.signal.throwIfAborted();
      return decode(imageId, frame, options);
    },
    (error: unknown) => {
      throw error instanceof Error ? error : new ImagingError('bad-frame');
    },
  );
  // Cornerstone3D keeps more than one reference to this promise and not all of them handle a
  // rejection; failures reach the viewport through its load-failed event instead.
  promise.catch(() => undefined);
  return { promise, cancelFn: () => controller.abort() };
}
