export const TransferSyntax = {
  implicitLittleEndian: '1.2.840.10008.1.2',
  explicitLittleEndian: '1.2.840.10008.1.2.1',
  /** Retired in PS3.5 but still met in archives: every value, tag and length big endian. */
  explicitBigEndian: '1.2.840.10008.1.2.2',
  /** Explicit VR little endian data set compressed with raw deflate (RFC 1951) after the file meta group. */
  deflatedExplicitLittleEndian: '1.2.840.10008.1.2.1.99',
  /** JPEG baseline (process 1): lossy, 8 bits per sample only. */
  jpegBaseline: '1.2.840.10008.1.2.4.50',
  /** JPEG lossless, non-hierarchical, first-order prediction (process 14, selection value 1). */
  jpegLosslessSv1: '1.2.840.10008.1.2.4.70',
  jpegLsLossless: '1.2.840.10008.1.2.4.80',
  jpeg2000Lossless: '1.2.840.10008.1.2.4.90',
  htj2kLossless: '1.2.840.10008.1.2.4.201',
  rleLossless: '1.2.840.10008.1.2.5',
} as const;

export type TransferSyntaxUid = (typeof TransferSyntax)[keyof typeof TransferSyntax];

const native: readonly string[] = [
  TransferSyntax.implicitLittleEndian,
  TransferSyntax.explicitLittleEndian,
  TransferSyntax.explicitBigEndian,
  TransferSyntax.deflatedExplicitLittleEndian,
];

export function isEncapsulated(transferSyntax: TransferSyntaxUid): boolean {
  return !native.includes(transferSyntax);
}

export const SopClass = {
  ct: '1.2.840.10008.5.1.4.1.1.2',
  mr: '1.2.840.10008.5.1.4.1.1.4',
  cr: '1.2.840.10008.5.1.4.1.1.1',
  dxForPresentation: '1.2.840.10008.5.1.4.1.1.1.1',
  usMultiframe: '1.2.840.10008.5.1.4.1.1.3.1',
  keyObjectSelection: '1.2.840.10008.5.1.4.1.1.88.59',
} as const;
