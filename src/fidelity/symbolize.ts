// Turn return addresses from strace's -k stacks into source positions of our executable:
// one batched addr2line call (address minus one, so the position is the call, not the
// instruction after it), and one objdump pass that names the function each call site calls
// (fork@plt, printf@plt, Fork...), which tells a flush by printf or exit from a plain write
// and getaddrinfo's private sockets from the program's own.

import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface Site {
  func: string;
  /** Absolute path of the source file, or undefined when there is no line information. */
  file?: string;
  line: number;
  /** What the call instruction ending at this return address calls, without "@plt". */
  callee?: string;
}

/** Resolve return addresses (offsets into `exe`) to sites. */
export async function symbolize(exe: string, addresses: Iterable<number>): Promise<Map<number, Site>> {
  const list = [...new Set(addresses)];
  const sites = new Map<number, Site>();
  if (list.length === 0) return sites;
  const [lines, callees] = await Promise.all([addr2line(exe, list), callSites(exe)]);
  list.forEach((addr, i) => sites.set(addr, { ...lines[i], callee: callees.get(addr) }));
  return sites;
}

async function addr2line(exe: string, list: number[]): Promise<Array<Omit<Site, "callee">>> {
  const { stdout } = await run("addr2line", ["-f", "-e", exe, ...list.map((a) => (a - 1).toString(16))], {
    maxBuffer: 64 << 20,
  });
  const out = stdout.split("\n");
  return list.map((_, i) => {
    const func = out[2 * i] ?? "??";
    // "path/file.c:12" or "path/file.c:12 (discriminator 3)" or "??:0"
    const m = /^(.*):(\d+|\?)(?: \(discriminator \d+\))?$/.exec(out[2 * i + 1] ?? "");
    const file = m && m[1] !== "??" ? m[1] : undefined;
    const line = m && m[2] !== "?" ? Number(m[2]) : 0;
    return { func, file, line };
  });
}

/** Map from each call instruction's return address to the name of what it calls. */
async function callSites(exe: string): Promise<Map<number, string>> {
  const { stdout } = await run("objdump", ["-d", "--no-show-raw-insn", exe], { maxBuffer: 64 << 20 });
  const map = new Map<number, string>();
  let pending: string | undefined;
  for (const text of stdout.split("\n")) {
    const m = /^\s*([0-9a-f]+):\s+(\S+)\s*(.*)$/.exec(text);
    if (!m) continue;
    const addr = parseInt(m[1], 16);
    if (pending !== undefined) {
      map.set(addr, pending);
      pending = undefined;
    }
    if (m[2] === "call") {
      const target = /<([^>+]+)(?:\+0x[0-9a-f]+)?>/.exec(m[3])?.[1];
      pending = target ? target.replace(/@plt$/, "") : "*";
    }
  }
  return map;
}
