import { createContext, useContext, useEffect } from 'react';

/**
 * Lets a viewer get ready before the document is printed (a PDF renders the pages it has not drawn
 * yet). The document viewer awaits every registered preparer, then prints.
 */
export type PrintPreparer = () => Promise<void>;
type Register = (preparer: PrintPreparer) => () => void;

export const PrintPreparationContext = createContext<Register>(() => () => undefined);

export function usePrintPreparer(preparer: PrintPreparer | undefined): void {
  const register = useContext(PrintPreparationContext);
  useEffect(() => (preparer ? register(preparer) : undefined), [register, preparer]);
}
