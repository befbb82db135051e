import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (ms: user + system, from `/proc/<pid>/task/<tid>/stat`, 10 ms ticks) of every
 * Chromium thread on this machine, summed by process kind (`--type=`, `browser` without one) and
 * thread name without its trailing number: e.g. `renderer/DedicatedWorker` (the analysis worker
 * in the panel bench, which starts no other worker), `renderer/ThreadPoolForeg` (V8's GC helpers).
 * Linux only; empty elsewhere. A thread that ends between two reads drops out of the second.
 */
export function chromiumThreadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return out;
  }
  for (const pid of pids) {
    const cmdline = readOr(`/proc/${pid}/cmdline`);
    if (!/chrom/.test(cmdline)) continue;
    const kind = /--type=([a-z-]+)/.exec(cmdline)?.[1] ?? 'browser';
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const name = readOr(`/proc/${pid}/task/${tid}/comm`).trim().replace(/\d+$/, '');
      const stat = readOr(`/proc/${pid}/task/${tid}/stat`);
      if (!name || !stat) continue;
      // Fields after the command (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = (Number(fields[11]) + Number(fields[12])) * 10;
      const key = `${kind}/${name}`;
      out.set(key, (out.get(key) ?? 0) + ms);
    }
  }
  return out;
}

/** What each thread group spent between two `chromiumThreadCpu` reads (ms), largest first. */
export function cpuSpent(before: Map<string, number>, after: Map<string, number>): [string, number][] {
  return [...after]
    .map(([key, ms]): [string, number] => [key, ms - (before.get(key) ?? 0)])
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1]);
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
