/** Toolbar glyphs as SVG: unlike Unicode symbols they look the same with every font installed. */
const PATHS = {
  pause: 'M4 3h3v10H4zM9 3h3v10H9z',
  play: 'M4 2.5v11l9-5.5z',
  clear:
    'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zm0 1.5a5 5 0 0 1 3.9 8.1L4.9 4.1A5 5 0 0 1 8 3zM3 8a5 5 0 0 1 .8-2.8l7 7A5 5 0 0 1 3 8z',
} as const;

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg class="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <path d={PATHS[name]} fill="currentColor" fill-rule="evenodd" />
    </svg>
  );
}
