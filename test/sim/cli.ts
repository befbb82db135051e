// npx tsx test/sim/cli.ts [--scenario NAME] [--port N] [--host H] [--loop] [--speed X] [--keepalive MS] [--list]
import { parseArgs } from 'node:util';
import { listScenarios, loadScenario, scenarioDuration } from './scenario.ts';
import { startSimulator } from './server.ts';

const USAGE = `usage: tsx test/sim/cli.ts [--scenario NAME] [--port N] [--host H] [--loop] [--speed X] [--keepalive MS] [--list]
  --scenario   script in test/fixtures/scenarios (default inbound-hold-resume)
  --port       0 = any free port (default 0)
  --loop       replay forever, with fresh interaction ids and current timestamps each pass
  --speed      delay multiplier: 1 = scripted timings, 2 = half speed, 0 = no delays
  --keepalive  server keepalive period in ms (default 4000)
  --list       print the scenarios and exit`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function number(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) fail(`--${name} must be a non-negative number`);
  return n;
}

function readArgs() {
  try {
    return parseArgs({
      options: {
        scenario: { type: 'string', default: 'inbound-hold-resume' },
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        loop: { type: 'boolean', default: false },
        speed: { type: 'string' },
        keepalive: { type: 'string' },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail((err as Error).message);
  }
}

async function main(): Promise<void> {
  const args = readArgs();
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (args.list) {
    for (const name of listScenarios()) {
      const s = loadScenario(name);
      console.log(
        `${name.padEnd(28)} ${String(s.steps.length).padStart(3)} steps ${(scenarioDuration(s) / 1000).toFixed(1).padStart(5)} s  ${s.description}`,
      );
    }
    return;
  }

  const scenario = loadScenario(args.scenario);
  const sim = await startSimulator({
    scenario,
    port: number(args.port, 'port', 0),
    host: args.host,
    loop: args.loop,
    speed: number(args.speed, 'speed', 1),
    keepaliveMs: number(args.keepalive, 'keepalive', 4000),
  });
  console.log(`simulated agent desktop: ${sim.pageUrl}`);
  console.log(`  scenario ${scenario.name}: ${scenario.description}`);
  console.log(
    `  other scenarios: ${listScenarios()
      .map((n) => `${sim.pageUrl}?scenario=${n}`)
      .join('\n                   ')}`,
  );
  console.log(`  identity harness: ${sim.harnessUrl} (?binaryType=arraybuffer)`);
  console.log('  Ctrl-C to stop');

  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
