import { readdirSync, readFileSync } from 'node:fs';

/** One thread's CPU time (ms) at a read, and the group it counts in. */
interface ThreadReading {
  group: string;
  ms: number;
}

/**
 * CPU time (ms: user + system, from `/proc/<pid>/task/<tid>/stat`, 10 ms ticks) of every thread
 * of the Chromium started with `--user-data-dir=<userDataDir>` and of every process under it,
 * keyed by pid/tid. Each is grouped by process kind (`--type=`, `browser` without one) and thread
 * name without its trailing number: e.g. `renderer/DedicatedWorker` (the analysis worker in the
 * panel bench, which starts no other worker), `renderer/ThreadPoolForeg` (V8's helper threads, and
 * other work Chromium's pool runs there). Linux only; empty elsewhere.
 */
export function chromiumThreadCpu(userDataDir: string): Map<string, ThreadReading> {
  const out = new Map<string, ThreadReading>();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return out;
  }
  const parentOf = new Map<string, string>();
  const cmdlines = new Map<string, string>();
  for (const pid of pids) {
    const stat = readOr(`/proc/${pid}/stat`);
    if (!stat) continue;
    parentOf.set(pid, statFields(stat)[1]!);
    cmdlines.set(pid, readOr(`/proc/${pid}/cmdline`));
  }
  const root = [...cmdlines].find(([, cmdline]) => cmdline.includes(`--user-data-dir=${userDataDir}\0`))?.[0];
  if (root === undefined) return out;
  const inTree = (pid: string): boolean => {
    for (let at: string | undefined = pid, hops = 0; at !== undefined && hops < 64; at = parentOf.get(at), hops++)
      if (at === root) return true;
    return false;
  };
  for (const pid of pids) {
    if (!inTree(pid)) continue;
    const kind = /--type=([a-z-]+)/.exec(cmdlines.get(pid) ?? '')?.[1] ?? 'browser';
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
      const fields = statFields(stat);
      // utime and stime, in clock ticks (USER_HZ, 100 a second on Linux).
      const ms = (Number(fields[11]) + Number(fields[12])) * 10;
      out.set(`${pid}/${tid}`, { group: `${kind}/${name}`, ms });
    }
  }
  return out;
}

/**
 * What each group spent between two `chromiumThreadCpu` reads (ms), largest first: per thread, a
 * thread started meanwhile counts whole, one that ended meanwhile not at all (its last CPU is
 * unknown).
 */
export function cpuSpent(before: Map<string, ThreadReading>, after: Map<string, ThreadReading>): [string, number][] {
  const groups = new Map<string, number>();
  for (const [thread, { group, ms }] of after) {
    const spent = ms - (before.get(thread)?.ms ?? 0);
    if (spent > 0) groups.set(group, (groups.get(group) ?? 0) + spent);
  }
  return [...groups].sort((a, b) => b[1] - a[1]);
}

/** The fields of a `stat` line after the command (which may hold spaces and parentheses): state, ppid, … */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
