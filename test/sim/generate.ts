// Writes test/fixtures/scenarios/*.json from test/sim/build/scenarios.ts.
//   npx tsx test/sim/generate.ts           write the files
//   npx tsx test/sim/generate.ts --check   exit 1 if a file is stale
import { readFileSync, writeFileSync } from 'node:fs';
import { SCENARIO_BUILDERS } from './build/scenarios.ts';
import { parseScenario, scenarioPath } from './scenario.ts';

export function renderScenarioFile(name: string): string {
  const build = SCENARIO_BUILDERS[name];
  if (!build) throw new Error(`no builder for ${name}`);
  const scenario = build();
  parseScenario(JSON.parse(JSON.stringify(scenario)), name); // fail before writing anything invalid
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

function main(): void {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const name of Object.keys(SCENARIO_BUILDERS)) {
    const path = scenarioPath(name);
    const text = renderScenarioFile(name);
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      /* new file */
    }
    if (current === text) continue;
    if (check) {
      stale++;
      console.error(`stale: ${path}`);
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${path}`);
    }
  }
  if (stale > 0) process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
