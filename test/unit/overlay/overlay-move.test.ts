import { describe, expect, it } from 'vitest';
import { isMoveKey, keptInView, MOVE_FAR_PX, MOVE_STEP_PX, moveByKey } from '../../../src/overlay/page/overlay-move';

const room = { viewportWidth: 1000, viewportHeight: 600, boxWidth: 200, boxHeight: 30 };

describe('keptInView', () => {
  it('keeps the whole box inside the viewport, in whole px', () => {
    expect(keptInView({ right: -5, bottom: 900 }, room)).toEqual({ right: 0, bottom: 570 });
    expect(keptInView({ right: 12.6, bottom: 40.2 }, room)).toEqual({ right: 13, bottom: 40 });
    expect(keptInView({ right: 5000, bottom: -1 }, room)).toEqual({ right: 800, bottom: 0 });
  });

  it('pins a box larger than the viewport to the right and bottom edges', () => {
    expect(keptInView({ right: 30, bottom: 30 }, { ...room, boxWidth: 1200, boxHeight: 700 })).toEqual({
      right: 0,
      bottom: 0,
    });
  });
});

describe('moveByKey', () => {
  const at = { right: 16, bottom: 16 };

  it('moves a step per arrow key, Shift farther, and says where it is', () => {
    expect(MOVE_STEP_PX).toBe(10);
    expect(MOVE_FAR_PX).toBe(50);
    expect(moveByKey(at, 'ArrowLeft', false, room)).toEqual({
      place: { right: 26, bottom: 16 },
      said: 'Moved: 26 px from the right, 16 px from the bottom',
    });
    expect(moveByKey(at, 'ArrowUp', true, room)).toEqual({
      place: { right: 16, bottom: 66 },
      said: 'Moved: 16 px from the right, 66 px from the bottom',
    });
    expect(moveByKey(at, 'ArrowRight', false, room)?.place).toEqual({ right: 6, bottom: 16 });
    expect(moveByKey(at, 'ArrowDown', true, room)?.place).toEqual({ right: 16, bottom: 0 });
  });

  it('stops at an edge and says so, again at each press', () => {
    expect(moveByKey({ right: 0, bottom: 0 }, 'ArrowRight', false, room)).toEqual({
      place: { right: 0, bottom: 0 },
      said: 'Already at the right edge',
    });
    expect(moveByKey({ right: 0, bottom: 0 }, 'ArrowDown', true, room)?.said).toBe('Already at the bottom edge');
    expect(moveByKey({ right: 800, bottom: 570 }, 'ArrowLeft', true, room)?.said).toBe('Already at the left edge');
    expect(moveByKey({ right: 795, bottom: 570 }, 'ArrowUp', false, room)?.said).toBe('Already at the top edge');
    expect(moveByKey({ right: 795, bottom: 565 }, 'ArrowLeft', true, room)?.place).toEqual({ right: 800, bottom: 565 });
  });

  it('first pulls a place saved in a larger window back into this one', () => {
    expect(moveByKey({ right: 3000, bottom: 2000 }, 'ArrowRight', false, room)?.place).toEqual({
      right: 790,
      bottom: 570,
    });
  });

  it('takes only the arrow keys', () => {
    for (const key of ['Enter', ' ', 'Tab', 'Escape', 'Home', 'a'])
      expect([isMoveKey(key), moveByKey(at, key, false, room)]).toEqual([false, undefined]);
    expect(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].every(isMoveKey)).toBe(true);
  });
});
