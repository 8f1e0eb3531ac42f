import type { ComponentType } from 'react';
import type { Sniffed } from '../../../../shared/documents/sniff';

/** What every viewer receives: the original bytes and what they were found to be. */
export interface ViewerProps {
  bytes: Uint8Array;
  sniffed: Sniffed;
  title: string;
  exportDocument: () => void;
}

/** What the registry matches on. */
export interface DocumentMatch {
  sniffed: Sniffed;
  declaredType: string;
  /** The record's format code (e.g. urn:ihe:iti:xds-sd:pdf:2008), when known. */
  format?: string;
}

export interface ViewerEntry {
  id: string;
  matches(document: DocumentMatch): boolean;
  Component: ComponentType<ViewerProps>;
}
