import { createReadStream } from 'node:fs';
import { readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { harLeftOutOf, readFramesValue } from '../io';
import { FileJsonReader, type FileJsonResult, MAX_TEXT_CHARS } from '../io/file-json';
import { decodeWhole } from '../io/file-text';
import { parseFramesText } from '../io/read-frames-file';
import { REPORT_VERSION, SEVERITY_RANK } from '../model';
import { analyzeFrames, onlyInteraction } from './analyze';
import { parseOptions, UsageError } from './args';
import { formatReport } from './format-report';
import { parseReplayArgs, REPLAY_USAGE, type ReplayCommand, runReplay } from './replay';
import { convertValue, describeResult, formatOfPath, redactValue } from './redact-convert';
import { printableJson, printableLines } from './terminal-text';

const USAGE = `wxcc-inspector: read Webex Contact Center agent-desktop captures

Usage:
  wxcc-inspector --version
  wxcc-inspector analyze <file> [--json] [--interaction ID] [--fail-on warn|error]
  wxcc-inspector redact <in> <out> [--agent-names]
  wxcc-inspector convert <in> <out>
${REPLAY_USAGE}

<file> and <in> are a capture (*.wxcc.json) saved by the inspector, or a Chrome HAR with WebSocket messages.
  --json            print the report (format wxcc-inspector-report, version ${REPORT_VERSION}) as one JSON object
  --interaction ID  only this interaction (or one linked to it)
  --fail-on LEVEL   exit 1 when an anomaly or finding of this severity or worse is present
redact replaces customer identifiers (numbers, e-mails, names, call-associated data, transcripts)
and, in a HAR, tokens and cookies, by pseudonyms that stay the same within the file (phone-1,
email-1, name-1, value-1, text-1, token-1). <out> is written as a HAR when it ends in .har, as a
capture when it ends in .json (.wxcc.json), else in the input's format.
  --agent-names     also replace agents' and supervisors' names
convert writes <in> as a HAR (<out> ends in .har) or a capture (<out> ends in .json); it does
not redact, and keeps the input's "redacted" flag.

Exit status: 0 done; 1 --fail-on met; 2 the file or the arguments could not be used, or the output not written; 3 internal error.`;

/**
 * A writer of human output: one line, or several. A line never holds a newline of the CLI's own,
 * so one in it came from the wire or the user and is printed as `\n`.
 */
type Lines = (lines: string | readonly string[]) => void;

interface AnalyzeArgs {
  command: 'analyze';
  file: string;
  json: boolean;
  interaction: string | undefined;
  failOn: 'warn' | 'error' | undefined;
}

interface FileArgs {
  command: 'redact' | 'convert';
  input: string;
  output: string;
  agentNames: boolean;
}

const OPTIONS = {
  json: { type: 'boolean' },
  interaction: { type: 'string' },
  'fail-on': { type: 'string' },
  'agent-names': { type: 'boolean' },
} as const;

/** Which options each command takes (parseArgs knows only one set). */
const ACCEPTS: Record<string, readonly string[]> = {
  analyze: ['json', 'interaction', 'fail-on'],
  redact: ['agent-names'],
  convert: [],
};

/** The arguments of analyze, redact and convert (args.ts: node:util's parseArgs, errors in our words). */
function parseCommandArgs(argv: string[]): AnalyzeArgs | FileArgs {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('no command given');
  if (!Object.hasOwn(ACCEPTS, command)) throw new UsageError(`unknown command "${command}"`);
  const parsed = parseOptions(rest, OPTIONS);
  const { values, positionals } = parsed;
  for (const name of Object.keys(values))
    if (!ACCEPTS[command]!.includes(name)) throw new UsageError(`unknown option --${name} for ${command}`);
  if (command === 'redact' || command === 'convert') return fileArgs(command, positionals, values['agent-names']);
  const failOn = values['fail-on'];
  if (failOn !== undefined && failOn !== 'warn' && failOn !== 'error')
    throw new UsageError('--fail-on takes warn or error');
  if (values.interaction === '') throw new UsageError('--interaction needs an id');
  const [file, extra] = positionals;
  if (!file) throw new UsageError('no file given');
  if (extra !== undefined) throw new UsageError(`unexpected argument ${extra}`);
  return { command: 'analyze', file, json: values.json === true, interaction: values.interaction, failOn };
}

function fileArgs(command: FileArgs['command'], positionals: string[], agentNames: boolean | undefined): FileArgs {
  const [input, output, extra] = positionals;
  if (!input) throw new UsageError(`${command} needs an input file and an output file`);
  if (!output) throw new UsageError(`${command} needs an output file after ${input}`);
  if (extra !== undefined) throw new UsageError(`unexpected argument ${extra}`);
  if (command === 'convert' && !formatOfPath(output)) {
    throw new UsageError(
      `cannot tell the format to convert to from "${output}": end it in .har (HAR) or .json / .wxcc.json (capture)`,
    );
  }
  return { command, input, output, agentNames: agentNames === true };
}

/**
 * A file's JSON value, or undefined after reporting why it cannot be read (file-json.ts: UTF-8 or
 * UTF-16; text beyond one string's length parsed as it streams).
 */
async function readJson(file: string, err: (text: string) => void): Promise<{ value: unknown } | undefined> {
  try {
    // A file whose text fits one string is read and decoded whole (file-text.ts `decodeWhole`:
    // a third of the time of a stream decoded in parts, for a 103 MB HAR in Node), its bytes let
    // go before the parse. Bytes that are not text go the stream's way below, which names the bad one.
    if ((await stat(file)).size <= MAX_TEXT_CHARS) {
      const text = decodeWhole(await readFile(file), MAX_TEXT_CHARS);
      if (text !== undefined) return jsonOf(file, parseFramesText(text), err);
    }
    const reader = new FileJsonReader();
    // In chunks, as the viewer reads: a file may hold more than one Buffer can (2 GiB).
    for await (const chunk of createReadStream(file, { highWaterMark: 16 * 1024 * 1024 })) {
      reader.push(chunk as Buffer);
      if (reader.failed) break;
    }
    return jsonOf(file, reader.end(), err);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    err(
      `wxcc-inspector: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`,
    );
    return undefined;
  }
}

function jsonOf(file: string, parsed: FileJsonResult, err: (text: string) => void): { value: unknown } | undefined {
  if (parsed.ok) return { value: parsed.value };
  err(`wxcc-inspector: ${file}: ${parsed.error}`);
  return undefined;
}

/** `redact` and `convert`: read, transform (redact-convert.ts), write. */
async function runFileCommand(
  args: FileArgs,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  if (await sameFile(args.input, args.output)) {
    err(`wxcc-inspector: ${args.output} is the input file: write the ${args.command}ed file to another path`);
    return 2;
  }
  const parsed = await readJson(args.input, err);
  if (parsed === undefined) return 2;
  const format = formatOfPath(args.output);
  const result =
    args.command === 'redact'
      ? redactValue(parsed.value, format, { agentNames: args.agentNames })
      : convertValue(parsed.value, format!);
  if (!result.ok) {
    err(`wxcc-inspector: ${args.input}: ${result.error}`);
    return 2;
  }
  try {
    await writeFile(args.output, result.text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    err(
      `wxcc-inspector: cannot write ${args.output}: ${code === 'ENOENT' ? 'no such directory' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`,
    );
    return 2;
  }
  out(describeResult(result, args.output));
  return 0;
}

/** `replay`: serves the replay until the process is stopped (replay.ts). */
async function replayCommand(
  argv: string[],
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  let command: ReplayCommand;
  try {
    command = parseReplayArgs(argv);
  } catch (error) {
    err(`wxcc-inspector: ${(error as Error).message} (see --help)`);
    return 2;
  }
  let input: { value: unknown; name: string } | undefined;
  if (command.file !== undefined) {
    const parsed = await readJson(command.file, err);
    if (parsed === undefined) return 2;
    input = { value: parsed.value, name: command.file.split(/[\\/]/).pop() ?? command.file };
  }
  const started = await runReplay(command, out, input);
  if ('error' in started) {
    err(`wxcc-inspector: ${started.error}`);
    return 2;
  }
  await started.wait;
  return 0;
}

/** The package's version: package.json beside src/, where the CLI runs from (bin/ loads src/cli). */
async function version(): Promise<string> {
  const json = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return typeof json.version === 'string' ? json.version : '(unknown version)';
}

/** Whether two paths name one file (a link or another spelling included); false if `b` does not exist. */
async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    if ((await realpath(a)) === (await realpath(b))) return true;
    const [x, y] = await Promise.all([stat(a), stat(b)]);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/**
 * Runs the CLI; returns the exit status: 0 done, 1 `--fail-on` met, 2 the input or the arguments
 * cannot be used, 3 an internal error (one line, never a stack). Output goes through the two
 * writers (tests capture them), with control characters made visible (terminal-text.ts), newlines
 * too: the CLI hands its writers lines (`Lines`), so only the CLI breaks a line; `styled`
 * says which of them is a terminal that takes colours (its escapes then in reverse video; never
 * in JSON output).
 */
export async function main(
  argv: string[],
  out: (text: string) => void,
  err: (text: string) => void,
  styled: { out?: boolean; err?: boolean } = {},
): Promise<number> {
  const json = argv[0] === 'analyze' && argv.includes('--json');
  const safeOut: Lines = (lines) =>
    out(json && typeof lines === 'string' ? printableJson(lines) : printableLines(lines, styled.out));
  const safeErr: Lines = (lines) => err(printableLines(lines, styled.err));
  try {
    return await run(argv, safeOut, safeErr);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    safeErr(
      `wxcc-inspector: internal error: ${message.split('\n')[0]!.slice(0, 300)} (please report it with the command that caused it)`,
    );
    return 3;
  }
}

async function run(argv: string[], out: Lines, err: Lines): Promise<number> {
  if (argv.includes('--version')) {
    out(`wxcc-inspector ${await version()}`);
    return 0;
  }
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    out(USAGE.split('\n'));
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === 'replay') return replayCommand(argv.slice(1), out, err);
  let parsedArgs: AnalyzeArgs | FileArgs;
  try {
    parsedArgs = parseCommandArgs(argv);
  } catch (error) {
    err(`wxcc-inspector: ${(error as Error).message} (see --help)`);
    return 2;
  }
  if (parsedArgs.command !== 'analyze') return runFileCommand(parsedArgs, out, err);
  const args = parsedArgs;
  const parsed = await readJson(args.file, err);
  if (parsed === undefined) return 2;
  const file = readFramesValue(parsed.value);
  if (!file.ok) {
    err(`wxcc-inspector: ${args.file}: ${file.error}`);
    return 2;
  }
  let report = analyzeFrames(file.frames, file.kind, file.added, harLeftOutOf(file.meta.source));
  if (args.interaction !== undefined) {
    const only = onlyInteraction(report, args.interaction);
    if (!only) {
      err(
        `wxcc-inspector: ${args.file} has no interaction ${args.interaction} (it has ${report.interactions.map((i) => i.interactionId).join(', ') || 'none'})`,
      );
      return 2;
    }
    report = only;
  }
  out(args.json ? JSON.stringify(report) : formatReport(report, args.file));
  if (args.failOn) {
    const threshold = SEVERITY_RANK[args.failOn];
    const worst = [...report.anomalies, ...report.findings].some((x) => SEVERITY_RANK[x.severity] >= threshold);
    if (worst) return 1;
  }
  return 0;
}
