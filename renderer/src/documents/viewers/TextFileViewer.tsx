import { useMemo } from 'react';
import { TextViewer } from './TextViewer';
import type { ViewerProps } from './viewer-types';

/** A plain text file: the sniffer only calls UTF-8 "text". */
export function TextFileViewer({ bytes }: ViewerProps) {
  const text = useMemo(() => new TextDecoder().decode(bytes), [bytes]);
  return <TextViewer text={text} />;
}
