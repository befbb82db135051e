import { readFile, writeFile } from 'node:fs/promises';
import { parseFramesText, readFramesFile } from '../io';
import { SEVERITY_RANK } from '../model';
import { analyzeFrames, onlyInteraction } from './analyze';
import { formatReport } from './format-report';
import { convertValue, describeResult, formatOfPath, redactValue } from './redact-convert';

const USAGE = `wxcc-inspector: read Webex Contact Center agent-desktop captures

Usage:
  wxcc-inspector analyze <file> [--json] [--interaction ID] [--fail-on warn|error]
  wxcc-inspector redact <in> <out> [--agent-names]
  wxcc-inspector convert <in> <out>

<file> and <in> are a capture (*.wxcc.json) saved by the inspector, or a Chrome HAR with WebSocket messages.
  --json            print the report (format wxcc-inspector-report, version 1) as one JSON object
  --interaction ID  only this interaction (or one linked to it)
  --fail-on LEVEL   exit 1 when an anomaly or finding of this severity or worse is present
redact replaces customer identifiers (numbers, e-mails, names, call-associated data, transcripts)
and, in a HAR, tokens and cookies, by pseudonyms that stay the same within the file (phone-1,
email-1, name-1, value-1, text-1, token-1). <out> is written as a HAR when it ends in .har, as a
capture when it ends in .json (.wxcc.json), else in the input's format.
  --agent-names     also replace agents' and supervisors' names
convert writes <in> as a HAR (<out> ends in .har) or a capture (<out> ends in .json); it does
not redact, and keeps the input's "redacted" flag.

Exit status: 0 done; 1 --fail-on met; 2 the file or the arguments could not be used.`;

class UsageError extends Error {}

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

function parseArgs(argv: string[]): AnalyzeArgs | FileArgs {
  const [command, ...rest] = argv;
  if (command === 'redact' || command === 'convert') return parseFileArgs(command, rest);
  if (command !== 'analyze') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  const args: AnalyzeArgs = { command, file: '', json: false, interaction: undefined, failOn: undefined };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--json') args.json = true;
    else if (arg === '--interaction') args.interaction = rest[++i] ?? fail('--interaction needs an id');
    else if (arg === '--fail-on') {
      const level = rest[++i];
      if (level !== 'warn' && level !== 'error') throw new UsageError('--fail-on takes warn or error');
      args.failOn = level;
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (!args.file) args.file = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (!args.file) throw new UsageError('no file given');
  return args;
}

function parseFileArgs(command: FileArgs['command'], rest: string[]): FileArgs {
  const args: FileArgs = { command, input: '', output: '', agentNames: false };
  for (const arg of rest) {
    if (arg === '--agent-names' && command === 'redact') args.agentNames = true;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg} for ${command}`);
    else if (!args.input) args.input = arg;
    else if (!args.output) args.output = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (!args.input) throw new UsageError(`${command} needs an input file and an output file`);
  if (!args.output) throw new UsageError(`${command} needs an output file after ${args.input}`);
  if (command === 'convert' && !formatOfPath(args.output)) {
    throw new UsageError(
      `cannot tell the format to convert to from "${args.output}": end it in .har (HAR) or .json / .wxcc.json (capture)`,
    );
  }
  return args;
}

function fail(message: string): never {
  throw new UsageError(message);
}

/** A file's text, or undefined after reporting why it cannot be read. */
async function readText(file: string, err: (text: string) => void): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    err(
      `wxcc-inspector: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`,
    );
    return undefined;
  }
}

/** `redact` and `convert`: read, transform (redact-convert.ts), write. */
async function runFileCommand(
  args: FileArgs,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const text = await readText(args.input, err);
  if (text === undefined) return 2;
  const parsed = parseFramesText(text);
  if (!parsed.ok) {
    err(`wxcc-inspector: ${args.input}: ${parsed.error}`);
    return 2;
  }
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

/** Runs the CLI; returns the exit status. Output goes through the two writers (tests capture them). */
export async function main(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    out(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  let parsedArgs: AnalyzeArgs | FileArgs;
  try {
    parsedArgs = parseArgs(argv);
  } catch (error) {
    err(`wxcc-inspector: ${(error as Error).message} (see --help)`);
    return 2;
  }
  if (parsedArgs.command !== 'analyze') return runFileCommand(parsedArgs, out, err);
  const args = parsedArgs;
  const text = await readText(args.file, err);
  if (text === undefined) return 2;
  const file = readFramesFile(text);
  if (!file.ok) {
    err(`wxcc-inspector: ${args.file}: ${file.error}`);
    return 2;
  }
  let report = analyzeFrames(file.frames, file.kind);
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
