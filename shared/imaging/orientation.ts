/**
 * Orientation markers: which side of the patient each edge of the image faces, from patient
 * coordinates (LPS: +x left, +y posterior, +z head).
 */
export type Vector3 = readonly [number, number, number];

const AXES: readonly (readonly [string, string])[] = [
  ['L', 'R'],
  ['P', 'A'],
  ['H', 'F'],
];

/** The label of a direction: its main axis first, a second letter where the plane is oblique. */
export function orientationLabel(direction: Vector3): string {
  const ranked = direction
    .map((component, axis) => ({ component, axis }))
    .filter(({ component }) => Math.abs(component) > 0.25)
    .sort((a, b) => Math.abs(b.component) - Math.abs(a.component))
    .slice(0, 2);
  return ranked
    .map(({ component, axis }) => (AXES[axis] ?? ['', ''])[component > 0 ? 0 : 1])
    .join('');
}

export function cross(a: Vector3, b: Vector3): Vector3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

const negate = (v: Vector3): Vector3 => [-v[0], -v[1], -v[2]];

export interface EdgeLabels {
  top: string;
  bottom: string;
  left: string;
  right: string;
}

/**
 * Labels of the four edges for a camera looking along `-viewPlaneNormal` with `viewUp` at the top
 * (Cornerstone3D's convention: the normal points from the image towards the viewer).
 */
export function edgeLabels(viewUp: Vector3, viewPlaneNormal: Vector3): EdgeLabels {
  const right = cross(viewUp, viewPlaneNormal);
  return {
    top: orientationLabel(viewUp),
    bottom: orientationLabel(negate(viewUp)),
    right: orientationLabel(right),
    left: orientationLabel(negate(right)),
  };
}

const OPPOSITE: Record<string, string> = { L: 'R', R: 'L', A: 'P', P: 'A', H: 'F', F: 'H' };

function opposite(label: string): string {
  return [...label].map((letter) => OPPOSITE[letter] ?? letter).join('');
}

/**
 * Edge labels of a projection radiograph from its Patient Orientation (0020,0020): the direction
 * of the rows (towards the image's right) and of the columns (towards its bottom), as displayed
 * after the user's flips.
 */
export function projectionEdgeLabels(
  patientOrientation: readonly [string, string],
  flip: { horizontal: boolean; vertical: boolean },
): EdgeLabels | undefined {
  const [row, column] = patientOrientation;
  if (!/^[LRAPHF]{1,3}$/.test(row) || !/^[LRAPHF]{1,3}$/.test(column)) return undefined;
  const right = flip.horizontal ? opposite(row) : row;
  const bottom = flip.vertical ? opposite(column) : column;
  return { right, left: opposite(right), bottom, top: opposite(bottom) };
}
