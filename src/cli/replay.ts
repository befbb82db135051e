import type { Frame } from '../frame/frame';
import { stat } from 'node:fs/promises';
import { harLeftOutOf, NOTHING_LEFT_OUT, notReplayedSaid, readFramesValue, redactFrames } from '../io';
import { parseOptions } from './args';
import { REPLAY_MODES, type ReplayMode } from '../replay/player';
import { type ReplayServer, startReplayServer } from '../replay/server';

export const REPLAY_USAGE = `  wxcc-inspector replay [<file>] [--port N] [--mode timed|step|request] [--speed X]
                        [--widget URL|PATH] [--redact] [--agent-id ID] [--org-id ID] [--keep-times] [--host H]
replay serves a simulated agent desktop at http://127.0.0.1:<port>/ that plays the file's notification
frames into its socket, answers the WxCC REST calls and hosts a Desktop widget. Without <file> it waits
for one (the extension's "Replay…" button sends it; default port 8790).
  --mode            timed (captured gaps / --speed), step (one frame per click or key),
                    request (results wait for the app's REST call); default timed
  --speed X         timed playback X times faster (default 1)
  --widget          a Desktop widget bundle (a custom element) to load under a fake AGENTX_SERVICE
  --redact          replay with the redaction's pseudonyms for customer data (as Export writes it)
  --agent-id, --org-id   replace the capture's agent / organisation id everywhere
  --keep-times      keep the captured timestamps (default: shifted so the capture starts now)
  --host            interface to listen on (default 127.0.0.1: a capture holds customer data)
The page's /replay/shim.js makes an SDK app's WxCC API and notification socket be the replay.`;

export const DEFAULT_REPLAY_PORT = 8790;

export interface ReplayCommand {
  readonly file: string | undefined;
  readonly port: number;
  readonly host: string;
  readonly mode: ReplayMode;
  readonly speed: number;
  readonly widget: string | undefined;
  readonly agentId: string | undefined;
  readonly orgId: string | undefined;
  readonly keepTimes: boolean;
  readonly redact: boolean;
}

/** `replay` arguments → the command, or throws an Error whose message is the usage error. */
export function parseReplayArgs(argv: readonly string[]): ReplayCommand {
  const { values, positionals } = parseOptions(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    mode: { type: 'string' },
    speed: { type: 'string' },
    widget: { type: 'string' },
    'agent-id': { type: 'string' },
    'org-id': { type: 'string' },
    'keep-times': { type: 'boolean' },
    redact: { type: 'boolean' },
  });
  if (positionals.length > 1) throw new Error('replay takes one file');
  const port = values.port === undefined ? DEFAULT_REPLAY_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port takes a port number');
  const mode = values.mode ?? 'timed';
  if (!REPLAY_MODES.includes(mode as ReplayMode)) throw new Error(`--mode takes ${REPLAY_MODES.join(', ')}`);
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error('--speed takes a positive number');
  return {
    file: positionals[0],
    port,
    host: values.host ?? '127.0.0.1',
    mode: mode as ReplayMode,
    speed,
    widget: values.widget,
    agentId: values['agent-id'],
    orgId: values['org-id'],
    keepTimes: values['keep-times'] ?? false,
    redact: values.redact ?? false,
  };
}

/**
 * Starts the replay server on the file's JSON value (read by the caller, as every command reads files)
 * and prints its URL. Resolves with the server; `wait` resolves when the
 * process is told to stop (Ctrl-C), after the server has closed.
 */
export async function runReplay(
  command: ReplayCommand,
  out: (text: string) => void,
  input?: { readonly value: unknown; readonly name: string },
): Promise<{ server: ReplayServer; wait: Promise<void> } | { error: string }> {
  // A local widget is read when the page asks for it: a wrong path would only show as a 404 in
  // the browser's console, so it is checked here, where the one-line error reaches the user.
  if (command.widget && !/^https?:\/\//i.test(command.widget)) {
    const problem = await stat(command.widget).then(
      (info) => (info.isFile() ? undefined : 'it is not a file'),
      (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? 'no such file' : error.message),
    );
    if (problem) return { error: `cannot read the widget ${command.widget}: ${problem}` };
  }
  let frames: Frame[] | undefined;
  let lacks = NOTHING_LEFT_OUT;
  const name = input?.name;
  if (input) {
    const read = readFramesValue(input.value);
    if (!read.ok) return { error: `${input.name}: ${read.error}` };
    frames = command.redact ? redactFrames(read.frames).frames : read.frames;
    lacks = harLeftOutOf(read.meta.source);
  }
  let server: ReplayServer;
  try {
    server = await startReplayServer({
      port: command.port,
      host: command.host,
      ...(frames ? { frames } : {}),
      ...(name ? { name } : {}),
      lacks,
      mode: command.mode,
      speed: command.speed,
      ...(command.widget ? { widget: command.widget } : {}),
      plan: {
        ...(command.agentId ? { agentId: command.agentId } : {}),
        ...(command.orgId ? { orgId: command.orgId } : {}),
        shiftToNow: !command.keepTimes,
      },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      error:
        code === 'EADDRINUSE'
          ? `port ${command.port} is in use: pass --port (0 picks a free one)`
          : `cannot start the replay server: ${code ?? String(error)}`,
    };
  }
  const plan = server.plan();
  out(`Replay of ${name ?? '(no file yet: waiting for one from the extension)'} at ${server.pageUrl}`);
  if (frames) {
    out(`  ${plan.steps.length} steps for agent ${plan.agentId}; mode ${command.mode}, speed ${command.speed}×`);
    const notReplayed = notReplayedSaid(lacks);
    if (notReplayed) out(`  ${notReplayed}`);
  }
  out(`  SDK apps: <script src="${server.shimUrl}"></script> before the app`);
  out('  Ctrl-C stops it.');
  const wait = new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return { server, wait };
}
