import { readFile } from 'node:fs/promises';
import { readFramesFile } from '../io';
import { SEVERITY_RANK } from '../model';
import { analyzeFrames, onlyInteraction } from './analyze';
import { formatReport } from './format-report';

const USAGE = `wxcc-inspector: read Webex Contact Center agent-desktop captures

Usage:
  wxcc-inspector analyze <file> [--json] [--interaction ID] [--fail-on warn|error]

<file> is a capture (*.wxcc.json) saved by the inspector, or a Chrome HAR with WebSocket messages.
  --json            print the report (format wxcc-inspector-report, version 1) as one JSON object
  --interaction ID  only this interaction (or one linked to it)
  --fail-on LEVEL   exit 1 when an anomaly or finding of this severity or worse is present

Exit status: 0 done; 1 --fail-on met; 2 the file or the arguments could not be used.`;

class UsageError extends Error {}

interface AnalyzeArgs {
  file: string;
  json: boolean;
  interaction: string | undefined;
  failOn: 'warn' | 'error' | undefined;
}

function parseArgs(argv: string[]): AnalyzeArgs {
  const [command, ...rest] = argv;
  if (command !== 'analyze') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  const args: AnalyzeArgs = { file: '', json: false, interaction: undefined, failOn: undefined };
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

function fail(message: string): never {
  throw new UsageError(message);
}

/** Runs the CLI; returns the exit status. Output goes through the two writers (tests capture them). */
export async function main(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    out(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  let args: AnalyzeArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    err(`wxcc-inspector: ${(error as Error).message} (see --help)`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(args.file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    err(`wxcc-inspector: cannot read ${args.file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`);
    return 2;
  }
  const file = readFramesFile(text);
  if (!file.ok) {
    err(`wxcc-inspector: ${args.file}: ${file.error}`);
    return 2;
  }
  let report = analyzeFrames(file.frames, file.kind);
  if (args.interaction !== undefined) {
    const only = onlyInteraction(report, args.interaction);
    if (!only) {
      err(`wxcc-inspector: ${args.file} has no interaction ${args.interaction} (it has ${report.interactions.map((i) => i.interactionId).join(', ') || 'none'})`);
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
