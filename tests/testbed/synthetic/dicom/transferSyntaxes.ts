export const TransferSyntax = {
  implicitLittleEndian: '1.2.840.10008.1.2',
  explicitLittleEndian: '1.2.840.10008.1.2.1',
  jpegLsLossless: '1.2.840.10008.1.2.4.80',
  jpeg2000Lossless: '1.2.840.10008.1.2.4.90',
  htj2kLossless: '1.2.840.10008.1.2.4.201',
  rleLossless: '1.2.840.10008.1.2.5',
} as const;

export type TransferSyntaxUid = (typeof TransferSyntax)[keyof typeof TransferSyntax];

const native: readonly string[] = [
  TransferSyntax.implicitLittleEndian,
  TransferSyntax.explicitLittleEndian,
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
