/**
 * ←/→ on a tree node (a `<summary>` of a `<details>`): → opens it (or moves into it when open),
 * ← closes it (or moves to its parent when closed). ↑/↓ are left to the browser, which scrolls.
 */
export function onTreeKey(event: KeyboardEvent): void {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  const summary = (event.target as HTMLElement).closest('summary');
  const node = summary?.parentElement;
  if (!summary || !(node instanceof HTMLDetailsElement)) return;
  event.preventDefault();
  event.stopPropagation();
  if (event.key === 'ArrowRight') {
    if (!node.open) node.open = true;
    else node.querySelector<HTMLElement>(':scope > * summary')?.focus();
  } else if (node.open) {
    node.open = false;
  } else {
    node.parentElement?.closest('details')?.querySelector<HTMLElement>(':scope > summary')?.focus();
  }
}
