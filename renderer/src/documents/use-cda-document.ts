import { useContext, useEffect, useState } from 'react';
import { CdaParserContext } from './cda-parser-context';
import type { CdaWorkerAnswer } from './cda-worker-protocol';

/** The parsed document for these bytes; undefined while it is being read. */
export function useCdaDocument(bytes: Uint8Array): CdaWorkerAnswer | undefined {
  const parse = useContext(CdaParserContext);
  const [state, setState] = useState<{ bytes: Uint8Array; answer: CdaWorkerAnswer }>();

  useEffect(() => {
    const controller = new AbortController();
    parse(bytes, controller.signal).then(
      (answer) => {
        if (!controller.signal.aborted) setState({ bytes, answer });
      },
      () => {
        if (!controller.signal.aborted) {
          setState({ bytes, answer: { kind: 'failure', reason: 'worker-failed' } });
        }
      },
    );
    return () => controller.abort();
  }, [parse, bytes]);

  return state?.bytes === bytes ? state.answer : undefined;
}
