import { extractLabResultsBatch, type LabDocumentBytes } from './lab-results-batch';

// Untrusted CDA bytes are parsed here, off the main thread.
self.onmessage = (event: MessageEvent<readonly LabDocumentBytes[]>) => {
  self.postMessage(extractLabResultsBatch(event.data));
};
