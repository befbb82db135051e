/**
 * Whether a CLI output stream is a terminal that shows reverse video: a TTY whose Node colour
 * depth (`tty.WriteStream.getColorDepth`, in bits), read from `env`, is more than 1 bit. Node's
 * depth follows `NO_COLOR` (no-color.org), `NODE_DISABLE_COLORS`, `FORCE_COLOR` and `TERM`
 * (`dumb` gets 1 bit), so the CLI honours what a terminal user set instead of a list of its own.
 * A pipe or a file is never styled.
 */
export function takesColour(
  stream: { isTTY?: boolean; getColorDepth?: (env?: object) => number },
  env: object,
): boolean {
  return stream.isTTY === true && typeof stream.getColorDepth === 'function' && stream.getColorDepth(env) > 1;
}
