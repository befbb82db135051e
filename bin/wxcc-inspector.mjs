#!/usr/bin/env node
// The CLI runs from the TypeScript sources through tsx, so it works right after `npm ci`.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../src/cli/main.ts', import.meta.url);
const { takesColour } = await tsImport('../src/cli/takes-colour.ts', import.meta.url);
const { watchOutput } = await tsImport('../src/cli/output-failure.ts', import.meta.url);
const output = watchOutput(
  process.stdout,
  (text) => process.stderr.write(`${text}\n`),
  (status) => {
    process.exitCode = status;
  },
);
// Where the messages themselves cannot be written there is no one to tell: the status says it.
process.stderr.on('error', () => {});
const status = await main(
  process.argv.slice(2),
  (text) => process.stdout.write(`${text}\n`),
  (text) => process.stderr.write(`${text}\n`),
  // Escapes of control characters in reverse video, where a terminal shows it.
  { out: takesColour(process.stdout, process.env), err: takesColour(process.stderr, process.env) },
);
if (!output.failed()) process.exitCode = status;
