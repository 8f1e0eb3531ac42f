/** Window/level presets radiologists expect, in modality units (HU for CT). */
export interface WindowPreset {
  id: 'lung' | 'mediastinum' | 'bone' | 'brain' | 'abdomen';
  width: number;
  center: number;
  /** Key that applies the preset. */
  key: string;
}

export const CT_WINDOW_PRESETS: readonly WindowPreset[] = [
  { id: 'lung', width: 1500, center: -600, key: '1' },
  { id: 'mediastinum', width: 350, center: 50, key: '2' },
  { id: 'bone', width: 2000, center: 500, key: '3' },
  { id: 'brain', width: 80, center: 40, key: '4' },
  { id: 'abdomen', width: 400, center: 50, key: '5' },
];

/** Lower and upper bounds of a window, as Cornerstone3D's VOI range takes them. */
export function voiRange(preset: { width: number; center: number }): {
  lower: number;
  upper: number;
} {
  return { lower: preset.center - preset.width / 2, upper: preset.center + preset.width / 2 };
}

export function windowOfRange(range: { lower: number; upper: number }): {
  width: number;
  center: number;
} {
  return { width: range.upper - range.lower, center: (range.upper + range.lower) / 2 };
}
