import { CT_WINDOW_PRESETS } from '../../../../shared/imaging/window-presets';
import { PRIMARY_TOOLS, type PrimaryToolId } from './viewer-tools';

/** Every keyboard action of the viewer; the help panel lists this table. */
export type ViewerAction =
  | { kind: 'tool'; tool: PrimaryToolId }
  | { kind: 'preset'; preset: (typeof CT_WINDOW_PRESETS)[number]['id'] }
  /** The window spanning the image's values (MR and other uncalibrated images). */
  | { kind: 'autoWindow' }
  | { kind: 'scroll'; delta: number }
  | { kind: 'first' }
  | { kind: 'last' }
  | { kind: 'invert' }
  | { kind: 'flipHorizontal' }
  | { kind: 'flipVertical' }
  | { kind: 'rotate' }
  | { kind: 'fit' }
  | { kind: 'reset' }
  | { kind: 'cine' }
  | { kind: 'mpr' }
  | { kind: 'compare' }
  | { kind: 'nextViewport' }
  | { kind: 'help' };

export interface Shortcut {
  keys: string[];
  action: ViewerAction;
  /** Translation key of what it does. */
  label: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  ...PRIMARY_TOOLS.map((tool) => ({
    keys: [tool.key],
    action: { kind: 'tool', tool: tool.id } as const,
    label: `imaging.tools.${tool.id}`,
  })),
  ...CT_WINDOW_PRESETS.map((preset) => ({
    keys: [preset.key],
    action: { kind: 'preset', preset: preset.id } as const,
    label: `imaging.presets.${preset.id}`,
  })),
  {
    keys: ['ArrowUp', 'ArrowLeft'],
    action: { kind: 'scroll', delta: -1 },
    label: 'imaging.actions.previous',
  },
  {
    keys: ['ArrowDown', 'ArrowRight'],
    action: { kind: 'scroll', delta: 1 },
    label: 'imaging.actions.next',
  },
  { keys: ['PageUp'], action: { kind: 'scroll', delta: -10 }, label: 'imaging.actions.pageUp' },
  { keys: ['PageDown'], action: { kind: 'scroll', delta: 10 }, label: 'imaging.actions.pageDown' },
  { keys: ['Home'], action: { kind: 'first' }, label: 'imaging.actions.first' },
  { keys: ['End'], action: { kind: 'last' }, label: 'imaging.actions.last' },
  { keys: ['i'], action: { kind: 'invert' }, label: 'imaging.actions.invert' },
  { keys: ['h'], action: { kind: 'flipHorizontal' }, label: 'imaging.actions.flipHorizontal' },
  { keys: ['v'], action: { kind: 'flipVertical' }, label: 'imaging.actions.flipVertical' },
  { keys: ['o'], action: { kind: 'rotate' }, label: 'imaging.actions.rotate' },
  { keys: ['f'], action: { kind: 'fit' }, label: 'imaging.actions.fit' },
  { keys: ['Escape'], action: { kind: 'reset' }, label: 'imaging.actions.reset' },
  { keys: ['c'], action: { kind: 'cine' }, label: 'imaging.actions.cine' },
  { keys: ['m'], action: { kind: 'mpr' }, label: 'imaging.actions.mpr' },
  { keys: ['k'], action: { kind: 'compare' }, label: 'imaging.actions.compare' },
  // Not Tab: it stays the keyboard's way between controls.
  { keys: ['n'], action: { kind: 'nextViewport' }, label: 'imaging.actions.nextViewport' },
  { keys: ['?'], action: { kind: 'help' }, label: 'imaging.actions.help' },
];

export function actionForKey(key: string): ViewerAction | undefined {
  const normalised = key.length === 1 ? key.toLowerCase() : key;
  return SHORTCUTS.find((shortcut) => shortcut.keys.includes(normalised))?.action;
}
