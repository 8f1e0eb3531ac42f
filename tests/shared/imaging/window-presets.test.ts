import { describe, expect, it } from 'vitest';
import { CT_WINDOW_PRESETS, voiRange, windowOfRange } from '../../../shared/imaging/window-presets';

describe('window presets', () => {
  it('turns a window into the VOI range Cornerstone3D takes', () => {
    expect(voiRange({ width: 400, center: 40 })).toEqual({ lower: -160, upper: 240 });
    expect(voiRange({ width: 1500, center: -600 })).toEqual({ lower: -1350, upper: 150 });
    expect(voiRange({ width: 1, center: 0.5 })).toEqual({ lower: 0, upper: 1 });
  });

  it('turns a VOI range back into its window', () => {
    expect(windowOfRange({ lower: -160, upper: 240 })).toEqual({ width: 400, center: 40 });
    expect(windowOfRange({ lower: -1000, upper: -200 })).toEqual({ width: 800, center: -600 });
  });

  it.each(CT_WINDOW_PRESETS.map((preset) => [preset.id, preset] as const))(
    'round-trips the %s preset',
    (_, preset) => {
      const range = voiRange(preset);
      expect(range.upper - range.lower).toBe(preset.width);
      expect(windowOfRange(range)).toEqual({ width: preset.width, center: preset.center });
    },
  );

  it('round-trips arbitrary windows within floating point', () => {
    for (let i = 1; i < 200; i++) {
      const window = { width: i * 13.7, center: -1024 + i * 31.3 };
      const back = windowOfRange(voiRange(window));
      expect(back.width).toBeCloseTo(window.width, 9);
      expect(back.center).toBeCloseTo(window.center, 9);
    }
  });

  it('gives each preset its own key, 1 to 5', () => {
    expect(CT_WINDOW_PRESETS.map((preset) => preset.key)).toEqual(['1', '2', '3', '4', '5']);
    expect(new Set(CT_WINDOW_PRESETS.map((preset) => preset.id)).size).toBe(5);
    expect(CT_WINDOW_PRESETS.find((preset) => preset.id === 'lung')).toMatchObject({
      width: 1500,
      center: -600,
    });
  });
});
