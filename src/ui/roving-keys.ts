/**
 * The arrow keys of a group that is one tab stop (WAI-ARIA: a tab list walks with ←/→, a menu
 * with ↑/↓), wrapping at the ends, and Home/End for the first and last item. Pure: the component
 * focuses (and for tabs selects) what this returns. `undefined`: the key is not the group's (Tab,
 * Enter, letters, the other axis' arrows go on as usual).
 */
export function stepItem<T>(
  items: readonly T[],
  active: T | undefined,
  key: string,
  axis: 'horizontal' | 'vertical',
): T | undefined {
  if (!items.length) return undefined;
  const at = active === undefined ? -1 : items.indexOf(active);
  const [prev, next] = axis === 'horizontal' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
  switch (key) {
    case next:
      return items[(at + 1) % items.length];
    case prev:
      return items[at < 0 ? items.length - 1 : (at - 1 + items.length) % items.length];
    case 'Home':
      return items[0];
    case 'End':
      return items[items.length - 1];
    default:
      return undefined;
  }
}
