/**
 * Moving the overlay, by the pointer or the keyboard: its place is its distance from the
 * viewport's right and bottom edges (so it stays in the corner it was put in when the window
 * resizes), always kept wholly inside the viewport. Pure: the component measures the box.
 */

/** The viewport and the box being moved (CSS px). */
export interface Room {
  viewportWidth: number;
  viewportHeight: number;
  boxWidth: number;
  boxHeight: number;
}

export interface Place {
  right: number;
  bottom: number;
}

/** One arrow key's step, and Shift+arrow's, as the panel's splitters move (16 px) but finer. */
export const MOVE_STEP_PX = 10;
export const MOVE_FAR_PX = 50;

/** The place nearest `place` that keeps the whole box inside the viewport (whole px). */
export function keptInView(place: Place, room: Room): Place {
  const clamp = (v: number, max: number) => Math.round(Math.min(Math.max(0, v), Math.max(0, max)));
  return {
    right: clamp(place.right, room.viewportWidth - room.boxWidth),
    bottom: clamp(place.bottom, room.viewportHeight - room.boxHeight),
  };
}

const ARROWS = {
  ArrowLeft: { dx: -1, dy: 0, edge: 'left' },
  ArrowRight: { dx: 1, dy: 0, edge: 'right' },
  ArrowUp: { dx: 0, dy: -1, edge: 'top' },
  ArrowDown: { dx: 0, dy: 1, edge: 'bottom' },
} as const;

export function isMoveKey(key: string): key is keyof typeof ARROWS {
  return Object.hasOwn(ARROWS, key);
}

/**
 * Where an arrow key (Shift: farther) moves the box, and what a screen reader is told: the new
 * distances from the edges, or, when it cannot go on, which edge it is already at.
 */
export function moveByKey(
  place: Place,
  key: string,
  far: boolean,
  room: Room,
): { place: Place; said: string } | undefined {
  if (!isMoveKey(key)) return undefined;
  const { dx, dy, edge } = ARROWS[key];
  const step = far ? MOVE_FAR_PX : MOVE_STEP_PX;
  // Moving right brings the box nearer the right edge: its distance from it shrinks.
  const from = keptInView(place, room);
  const to = keptInView({ right: from.right - dx * step, bottom: from.bottom - dy * step }, room);
  const said =
    to.right === from.right && to.bottom === from.bottom
      ? `Already at the ${edge} edge`
      : `Moved: ${to.right} px from the right, ${to.bottom} px from the bottom`;
  return { place: to, said };
}
