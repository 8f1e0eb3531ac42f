import { describe, expect, it } from 'vitest';
import {
  cross,
  edgeLabels,
  orientationLabel,
  projectionEdgeLabels,
  type Vector3,
} from '../../../shared/imaging/orientation';

const noFlip = { horizontal: false, vertical: false };

describe('orientationLabel', () => {
  it.each([
    [[1, 0, 0], 'L'],
    [[-1, 0, 0], 'R'],
    [[0, 1, 0], 'P'],
    [[0, -1, 0], 'A'],
    [[0, 0, 1], 'H'],
    [[0, 0, -1], 'F'],
  ] as [Vector3, string][])('labels the axis %j %s (LPS)', (direction, label) => {
    expect(orientationLabel(direction)).toBe(label);
  });

  it('puts the main axis first and adds a second letter for an oblique direction', () => {
    expect(orientationLabel([0.8, 0, 0.6])).toBe('LH');
    expect(orientationLabel([0.6, 0, -0.8])).toBe('FL');
    expect(orientationLabel([-0.6, -0.8, 0])).toBe('AR');
    expect(orientationLabel([0, 0.5, -0.866])).toBe('FP');
  });

  it('keeps two letters at most, dropping the smallest component', () => {
    expect(orientationLabel([0.7, -0.5, 0.3])).toBe('LA');
    expect(orientationLabel([-0.3, 0.5, -0.7])).toBe('FP');
  });

  it('ignores components of a quarter or less', () => {
    expect(orientationLabel([0.97, 0.25, 0])).toBe('L');
    expect(orientationLabel([0.96, 0.26, 0])).toBe('LP');
    expect(orientationLabel([0.1, -0.2, -0.97])).toBe('F');
  });

  it('does not depend on the vector being normalised', () => {
    expect(orientationLabel([0, -250, 0])).toBe('A');
  });

  it('gives no label to a null direction', () => {
    expect(orientationLabel([0, 0, 0])).toBe('');
  });
});

describe('cross', () => {
  it('is the right-handed cross product', () => {
    expect(cross([1, 0, 0], [0, 1, 0])).toEqual([0, 0, 1]);
    expect(cross([0, 1, 0], [1, 0, 0])).toEqual([0, 0, -1]);
    expect(cross([1, 2, 3], [4, 5, 6])).toEqual([-3, 6, -3]);
  });
});

describe('edgeLabels', () => {
  it('labels an axial image as Cornerstone3D sets its camera for IOP 1\\0\\0\\0\\1\\0', () => {
    // Looking from the feet, anterior up: the patient's right on the viewer's left.
    expect(edgeLabels([0, -1, 0], [0, 0, -1])).toEqual({
      top: 'A',
      bottom: 'P',
      left: 'R',
      right: 'L',
    });
  });

  it('labels a sagittal view: head up, anterior on the left', () => {
    expect(edgeLabels([0, 0, 1], [1, 0, 0])).toEqual({
      top: 'H',
      bottom: 'F',
      left: 'A',
      right: 'P',
    });
  });

  it('labels a coronal view: head up, the patient facing the viewer', () => {
    expect(edgeLabels([0, 0, 1], [0, -1, 0])).toEqual({
      top: 'H',
      bottom: 'F',
      left: 'R',
      right: 'L',
    });
  });

  it('swaps left and right for a horizontally flipped axial view', () => {
    // A horizontal flip turns the camera about viewUp: the normal is reversed.
    expect(edgeLabels([0, -1, 0], [0, 0, 1])).toEqual({
      top: 'A',
      bottom: 'P',
      left: 'L',
      right: 'R',
    });
  });

  it('swaps top and bottom for a vertically flipped axial view', () => {
    expect(edgeLabels([0, 1, 0], [0, 0, 1])).toEqual({
      top: 'P',
      bottom: 'A',
      left: 'R',
      right: 'L',
    });
  });

  it('follows a rotation of the axial view by 90 degrees', () => {
    // Turned a quarter counter-clockwise: the patient's left (right edge) comes to the top,
    // anterior (top) goes to the left edge.
    expect(edgeLabels([1, 0, 0], [0, 0, -1])).toEqual({
      top: 'L',
      bottom: 'R',
      left: 'A',
      right: 'P',
    });
  });

  it('labels an oblique view with two letters on each edge', () => {
    const [c, s] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)];
    // Axial tilted 30 degrees about the left-right axis.
    const labels = edgeLabels([0, -c, s], [0, -s, -c]);
    expect(labels).toEqual({ top: 'AH', bottom: 'PF', left: 'R', right: 'L' });
  });

  it('always labels opposite edges with opposite letters', () => {
    const OPPOSITE: Record<string, string> = { L: 'R', R: 'L', A: 'P', P: 'A', H: 'F', F: 'H' };
    const flip = (label: string) => [...label].map((letter) => OPPOSITE[letter]).join('');
    for (let i = 0; i < 50; i++) {
      const a = (i * 0.37) % (2 * Math.PI);
      const b = (i * 0.61) % Math.PI;
      // An orthonormal pair built from two angles.
      const normal: Vector3 = [Math.sin(b) * Math.cos(a), Math.sin(b) * Math.sin(a), Math.cos(b)];
      const helper: Vector3 = Math.abs(normal[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0];
      const u = cross(normal, helper);
      const length = Math.hypot(...u);
      const up: Vector3 = [u[0] / length, u[1] / length, u[2] / length];
      const labels = edgeLabels(up, normal);
      expect(labels.bottom, `${i}`).toBe(flip(labels.top));
      expect(labels.left, `${i}`).toBe(flip(labels.right));
      expect(labels.top.length).toBeGreaterThan(0);
      expect(labels.right.length).toBeGreaterThan(0);
    }
  });
});

describe('projectionEdgeLabels', () => {
  it('labels a chest radiograph from its Patient Orientation L\\F', () => {
    expect(projectionEdgeLabels(['L', 'F'], noFlip)).toEqual({
      right: 'L',
      left: 'R',
      bottom: 'F',
      top: 'H',
    });
  });

  it('swaps the labels of the flipped axis only', () => {
    expect(projectionEdgeLabels(['L', 'F'], { horizontal: true, vertical: false })).toEqual({
      right: 'R',
      left: 'L',
      bottom: 'F',
      top: 'H',
    });
    expect(projectionEdgeLabels(['L', 'F'], { horizontal: false, vertical: true })).toEqual({
      right: 'L',
      left: 'R',
      bottom: 'H',
      top: 'F',
    });
    expect(projectionEdgeLabels(['A', 'F'], { horizontal: true, vertical: true })).toEqual({
      right: 'P',
      left: 'A',
      bottom: 'H',
      top: 'F',
    });
  });

  it('keeps oblique values of several letters', () => {
    expect(projectionEdgeLabels(['LA', 'FP'], noFlip)).toEqual({
      right: 'LA',
      left: 'RP',
      bottom: 'FP',
      top: 'HA',
    });
  });

  it.each([
    ['', 'F'],
    ['L', ''],
    ['X', 'F'],
    ['l', 'f'],
    ['LAFP', 'F'],
    ['L F', 'F'],
  ] as [string, string][])('gives no labels for %j\\%j', (row, column) => {
    expect(projectionEdgeLabels([row, column], noFlip)).toBeUndefined();
  });
});
