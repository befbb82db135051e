import { parseArgs } from 'node:util';

/*
 * node:util's parseArgs for every command, with its errors in our words: its own name the fix for
 * another tool's syntax, and its "argument is ambiguous" (a value starting with "-", as in
 * `--speed -1`) is three lines that never say what to write.
 */

/** A usage error: one line, printed with "(see --help)" and exit status 2. */
export class UsageError extends Error {}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** Strict parsing of `args` with positionals allowed; a mistake throws a UsageError in our words. */
export function parseOptions<const O extends Options>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(usageWords(error, args));
  }
}

function usageWords(error: unknown, args: readonly string[]): string {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message ?? String(error);
  const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // A switch given a value (`--json=yes`): it takes none.
    if (/does not take an argument/.test(message)) return `${option} takes no value: write ${option} alone`;
    if (!/ambiguous/.test(message)) return `${option} needs a value`;
    // Node will not take a value that looks like an option after a space: say how to write it.
    const value = args[args.indexOf(option) + 1] ?? '';
    return `${option} ${value}: a value starting with "-" is written ${option}=${value}`;
  }
  return message.split('\n')[0]!;
}
