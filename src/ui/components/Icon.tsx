/**
 * The toolbar's glyphs, one set drawn on the same 16×16 grid in one stroke weight (unlike Unicode
 * symbols they look the same with every font installed).
 */
const PATHS = {
  pause: 'M4 3h3v10H4zM9 3h3v10H9z',
  play: 'M4 2.5v11l9-5.5z',
  clear:
    'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zm0 1.5a5 5 0 0 1 3.9 8.1L4.9 4.1A5 5 0 0 1 8 3zM3 8a5 5 0 0 1 .8-2.8l7 7A5 5 0 0 1 3 8z',
  export: 'M7.25 2h1.5v6.2l2.2-2.2 1.05 1.05L8 11.06 3.99 7.05 5.05 6l2.2 2.2zM3 12.5h10V14H3z',
  open: 'M1.5 3.5h5l1.5 1.5h6.5v8.5h-13zm1.5 3v5.5h10V6.5z',
  help: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zm0 1.5a5 5 0 1 1 0 10A5 5 0 0 1 8 3zm-.75 7h1.5v1.5h-1.5zM8 4.25c1.38 0 2.5.95 2.5 2.2 0 .95-.6 1.45-1.15 1.85-.4.3-.6.47-.6.95v.25h-1.5v-.25c0-1.1.6-1.6 1.1-1.95.4-.3.65-.5.65-.85 0-.4-.42-.7-1-.7s-1 .32-1.05.85l-1.5-.1C5.6 5.2 6.6 4.25 8 4.25z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg class="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" fill-rule="evenodd" />
    </svg>
  );
}
