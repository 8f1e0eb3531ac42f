import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { CdaParser } from '../../../renderer/src/documents/cda-parser-context';
import { parseCdaBytes } from '../../../renderer/src/documents/parse-cda-bytes';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean;
}

/** Parses in place of the worker (jsdom has none); the same code runs inside the worker. */
export const parseInPlace: CdaParser = (bytes) => Promise.resolve(parseCdaBytes(bytes));

export interface Rendered {
  container: HTMLElement;
  unmount(): void;
}

/** Mounts a tree in jsdom and lets its promises and effects settle. */
export async function render(tree: ReactNode): Promise<Rendered> {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  const container = document.createElement('div');
  document.body.append(container);
  const root: Root = createRoot(container);
  await act(async () => {
    root.render(tree);
  });
  await settle();
  return {
    container,
    unmount() {
      act(() => root.unmount());
      container.remove();
    },
  };
}

export async function settle(): Promise<void> {
  for (let round = 0; round < 5; round += 1) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

export async function click(element: Element | null | undefined): Promise<void> {
  if (!(element instanceof HTMLElement)) throw new Error('nothing to click');
  await act(async () => {
    element.click();
  });
  await settle();
}

export function buttonNamed(container: HTMLElement, name: string): HTMLButtonElement | undefined {
  return Array.from(container.querySelectorAll('button')).find(
    (button) => button.textContent?.trim() === name,
  );
}

export const utf8 = (text: string) => new TextEncoder().encode(text);
