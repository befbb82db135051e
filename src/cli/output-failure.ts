/** What `watchOutput` needs of a stream: Node's `process.stdout` (an `EventEmitter`'s `on`). */
export interface FailingStream {
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/**
 * Watches the CLI's standard output for a write the system refuses. Node reports it as an
 * `error` event after the write (a full disk, `> /dev/full`: ENOSPC), and unwatched it ends the
 * process with a stack trace and status 1, which means "`--fail-on` met". Reported once, in one
 * line to `err`, with status 2 (the output cannot be used). A reader that stopped reading
 * (`| head`: EPIPE) asked for no more: nothing is said and the status stays the CLI's own.
 * `exit` is called with 2 when the failure is reported; `failed` says whether it was.
 */
export function watchOutput(
  stream: FailingStream,
  err: (line: string) => void,
  exit: (status: number) => void,
): { failed(): boolean } {
  let seen = false;
  let failed = false;
  stream.on('error', (error) => {
    if (seen) return;
    seen = true;
    if (error.code === 'EPIPE') return;
    failed = true;
    err(`wxcc-inspector: could not write the output: ${error.message}`);
    exit(2);
  });
  return { failed: () => failed };
}
