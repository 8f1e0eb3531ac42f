import { Enums, imageRetrievalPoolManager, type Types } from '@cornerstonejs/core';
import { createImage, wadors } from '@cornerstonejs/dicom-image-loader';
import { dicomNumber, Tag } from '../../../../shared/dicom/dicom-json';
import { firstMultipartPart, transferSyntaxOfPart } from '../../../../shared/dicom/multipart';
import { checkFrame } from '../../../../shared/imaging/frame-check';
import { ImagingError } from '../../../../shared/imaging/imaging-error';
import { gatewayGet } from '../loading/imaging-fetch';

/**
 * The image loader for the `regard:` scheme: `regard:<gateway URL of one frame>`. It fetches the
 * frame through the host's gateway inside Cornerstone3D's retrieval pool (so priorities hold),
 * checks the bytes against the instance's metadata, then hands them to the DICOM image loader,
 * which decodes in its web workers. Cancelling aborts the request.
 */
export const REGARD_SCHEME = 'regard';

const FRAME_ACCEPT = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';

export function frameImageId(
  gatewayBase: string,
  studyUid: string,
  seriesUid: string,
  sopUid: string,
  frame: number,
): string {
  return `${REGARD_SCHEME}:${gatewayBase}studies/${studyUid}/series/${seriesUid}/instances/${sopUid}/frames/${frame}`;
}

async function retrieveAndDecode(
  imageId: string,
  signal: AbortSignal,
  options: Record<string, unknown>,
): Promise<Types.IImage> {
  const url = imageId.slice(REGARD_SCHEME.length + 1);
  const response = await gatewayGet(url, FRAME_ACCEPT, signal);
  const body = new Uint8Array(await response.arrayBuffer());
  let part;
  try {
    part = firstMultipartPart(response.headers.get('content-type'), body);
  } catch (error) {
    throw new ImagingError('bad-frame', undefined, (error as Error).message);
  }
  const transferSyntax = transferSyntaxOfPart(part.contentType);
  const metadata = wadors.metaDataManager.get(imageId);
  if (!metadata) throw new ImagingError('bad-frame', undefined, 'no metadata for frame');
  const check = checkFrame(part.bytes, transferSyntax, {
    rows: dicomNumber(metadata, Tag.rows) ?? 0,
    columns: dicomNumber(metadata, Tag.columns) ?? 0,
    samplesPerPixel: dicomNumber(metadata, Tag.samplesPerPixel) ?? 1,
    bitsAllocated: dicomNumber(metadata, Tag.bitsAllocated) ?? 16,
  });
  if (!check.ok) throw new ImagingError('bad-frame', undefined, check.problem);
  try {
    const image = (await createImage(imageId, part.bytes, transferSyntax, options)) as Types.IImage;
    return image;
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
  const promise = new Promise<Types.IImage>((resolve, reject) => {
    imageRetrievalPoolManager.addRequest(
      () =>
        retrieveAndDecode(imageId, controller.signal, options).then(resolve, (error: unknown) => {
          reject(error instanceof Error ? error : new ImagingError('bad-frame'));
        }),
      options.requestType ?? Enums.RequestType.Interaction,
      { imageId },
      options.priority ?? 5,
    );
  });
  return { promise, cancelFn: () => controller.abort() };
}
