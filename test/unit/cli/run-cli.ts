import { main } from '../../../src/cli/main';

/** Runs the CLI in-process and returns its exit status and what it wrote. */
export async function runCli(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await main(
    argv,
    (t) => (out += `${t}\n`),
    (t) => (err += `${t}\n`),
  );
  return { status, out, err };
}
