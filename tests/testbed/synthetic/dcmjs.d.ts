/** The part of dcmjs (which ships no types) that the synthetic-data tests use to read files back. */
declare module 'dcmjs' {
  interface DicomElement {
    vr: string;
    Value?: unknown[];
  }
  type DicomDict = Record<string, DicomElement>;
  interface ReadOptions {
    untilTag?: string | null;
    includeUntilTagValue?: boolean;
    ignoreErrors?: boolean;
  }
  const dcmjs: {
    data: {
      DicomMessage: {
        readFile(buffer: ArrayBuffer, options?: ReadOptions): { meta: DicomDict; dict: DicomDict };
      };
      DicomMetaDictionary: { naturalizeDataset(dict: DicomDict): Record<string, unknown> };
    };
  };
  export default dcmjs;
}
