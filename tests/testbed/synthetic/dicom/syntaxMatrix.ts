import { TransferSyntax, type TransferSyntaxUid } from './transferSyntaxes';

/**
 * The transfer syntax matrix: one CT study of the scale patient holding, once per transfer syntax
 * a viewer must read, the same three slices of the current CT phantom (CURRENT_CT slices 55, 110
 * and 180, with their real geometry). A viewer test opens each series and checks that it shows the
 * pixels of the explicit little endian reference: exactly for the lossless syntaxes, within
 * JPEG_BASELINE_TOLERANCE for JPEG baseline, which holds the 8-bit derivation of the same slices
 * (phantomValue8Bit in ../pixels/ctPhantom).
 */

export const SYNTAX_MATRIX_STUDY_KEY = 'scale-ct-syntaxes';

/** CURRENT_CT slice index of instance i (InstanceNumber i + 1) in every series of the matrix. */
export const SYNTAX_MATRIX_SLICES = [55, 110, 180] as const;

/** IJG quality of the JPEG baseline series. */
export const JPEG_BASELINE_QUALITY = 98;

/**
 * Largest difference, in stored 8-bit values, between a decoded JPEG baseline pixel and
 * phantomValue8Bit at the same place (libjpeg-turbo decodes within 4; one more for decoders whose
 * inverse DCT rounds differently). One stored unit is 8 HU.
 */
export const JPEG_BASELINE_TOLERANCE = 5;

export interface SyntaxMatrixSeries {
  key: string;
  number: number;
  /** Series Description: the syntax in plain words (French, as the rest of the data set). */
  description: string;
  transferSyntax: TransferSyntaxUid;
  /** 16: the signed 16-bit CT stored values; 8: their 8-bit derivation (JPEG baseline only). */
  depth: 16 | 8;
}

export const SYNTAX_MATRIX_SERIES: readonly SyntaxMatrixSeries[] = [
  {
    key: 'explicit-le',
    number: 1,
    description: 'Little endian explicite (référence)',
    transferSyntax: TransferSyntax.explicitLittleEndian,
    depth: 16,
  },
  {
    key: 'implicit-le',
    number: 2,
    description: 'Little endian implicite',
    transferSyntax: TransferSyntax.implicitLittleEndian,
    depth: 16,
  },
  {
    key: 'big-endian',
    number: 3,
    description: 'Big endian explicite',
    transferSyntax: TransferSyntax.explicitBigEndian,
    depth: 16,
  },
  {
    key: 'deflated',
    number: 4,
    description: 'Little endian explicite compressé (deflate)',
    transferSyntax: TransferSyntax.deflatedExplicitLittleEndian,
    depth: 16,
  },
  {
    key: 'jpeg-baseline',
    number: 5,
    description: 'JPEG baseline 8 bits (avec perte)',
    transferSyntax: TransferSyntax.jpegBaseline,
    depth: 8,
  },
  {
    key: 'jpeg-lossless',
    number: 6,
    description: 'JPEG sans perte (SV1)',
    transferSyntax: TransferSyntax.jpegLosslessSv1,
    depth: 16,
  },
  {
    key: 'jpeg-ls',
    number: 7,
    description: 'JPEG-LS sans perte',
    transferSyntax: TransferSyntax.jpegLsLossless,
    depth: 16,
  },
  {
    key: 'jpeg2000',
    number: 8,
    description: 'JPEG 2000 sans perte',
    transferSyntax: TransferSyntax.jpeg2000Lossless,
    depth: 16,
  },
  {
    key: 'rle',
    number: 9,
    description: 'RLE sans perte',
    transferSyntax: TransferSyntax.rleLossless,
    depth: 16,
  },
  {
    key: 'htj2k',
    number: 10,
    description: 'HTJ2K sans perte',
    transferSyntax: TransferSyntax.htj2kLossless,
    depth: 16,
  },
];
