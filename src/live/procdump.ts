// Reading a whole process tree: through the procdump helper (one request per refresh,
// the reads done in C) where it builds, else from Node file by file. Both give the same
// ProcReadings, parsed by the same functions in procfs.ts.
import { HelperOptions, Coprocess, startHelper } from "./helper";
import {
  Descriptor, hasPreview, parseFdLink, parseStat, parseSyscall, PROC, ProcReading, readFilePreview, readProcess, readThreads,
} from "./procfs";
import { descendants } from "./proctree";

export interface TreeReader {
  method: "procdump" | "node";
  read(root: number): Promise<ProcReading[]>;
  close(): void;
  /** The helper process, when there is one (for measuring its CPU time). */
  pid?: number;
}

/** Node reads every file itself: no helper needed. */
export function nodeReader(proc = PROC): TreeReader {
  return {
    method: "node",
    read: async (root) => descendants(root, proc).flatMap((pid) => readProcess(pid, proc) ?? []),
    close: () => undefined,
  };
}

const unescape = (s: string): string => s.replace(/\\(.)/g, (_, c: string) => (c === "t" ? "\t" : c === "n" ? "\n" : c));

/** Parses procdump's answer (see procdump.c) into readings. */
export function parseDump(lines: string[], proc = PROC): ProcReading[] {
  const out: ProcReading[] = [];
  let cur: ProcReading | undefined;
  for (const line of lines) {
    const body = line.slice(2);
    switch (line[0]) {
      case "s":
        cur = { stat: parseStat(body), fds: [] };
        out.push(cur);
        break;
      case "g": {
        const [pnd, shd, blk, ign, cgt] = body.split(" ").map((h) => BigInt(`0x${h || "0"}`));
        if (cur) cur.signals = { pending: pnd | shd, blocked: blk, ignored: ign, caught: cgt };
        break;
      }
      case "c":
        if (cur) cur.syscall = parseSyscall(body);
        break;
      case "f": {
        if (!cur) break;
        const [fd, link, info] = body.split("\t");
        const [pos, flags, mnt, ino] = info.split(" ");
        const d: Descriptor = {
          pid: cur.stat.pid, fd: Number(fd), link: unescape(link), target: parseFdLink(unescape(link)),
          info: { pos: Number(pos), flags: parseInt(flags, 8), mntId: Number(mnt), ino: ino === "-" ? undefined : Number(ino) },
        };
        if (hasPreview(d.target)) d.file = readFilePreview(`${proc}/${d.pid}/fd/${d.fd}`);
        cur.fds.push(d);
        break;
      }
      default:
        break; // "p PID" lines only announce the next process
    }
  }
  for (const r of out) {
    r.fds.sort((a, b) => a.fd - b.fd);
    if (r.stat.threads > 1) {
      try { r.threads = readThreads(r.stat.pid, proc); } catch { /* exited meanwhile */ }
    }
  }
  return out;
}

class DumpReader implements TreeReader {
  readonly method = "procdump";
  constructor(private helper: Coprocess) {}

  get pid(): number | undefined {
    return this.helper.pid;
  }

  async read(root: number): Promise<ProcReading[]> {
    const lines = this.helper.linesUntil("end");
    this.helper.write(`${root}\n`);
    return parseDump(await lines);
  }

  close(): void {
    this.helper.close();
  }
}

/** The fast reader when the helper builds here (Linux with a compiler), else Node's. */
export async function openTreeReader(opts: HelperOptions & { proc?: string } = {}): Promise<TreeReader> {
  if (opts.proc && opts.proc !== PROC) return nodeReader(opts.proc);
  const helper = await startHelper("procdump", opts);
  return typeof helper === "string" ? nodeReader() : new DumpReader(helper);
}
