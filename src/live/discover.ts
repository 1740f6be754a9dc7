// Finding the server to watch: the process that holds the socket listening on a port.
// Its children inherit that socket too (until they close it), so the root is the holder
// whose parent is not a holder. Works for servers started by hand, not only by our task.
import { readdirSync, readlinkSync } from "node:fs";
import { readNetTable } from "./netsockets";
import { PROC, readStat } from "./procfs";

/** Inodes of TCP sockets listening on port (at address, or at a wildcard address). */
export function listeningInodes(port: number, address?: string, proc = PROC): number[] {
  const wild = new Set(["0.0.0.0", "[::]"]);
  return [...readNetTable("self", "tcp", proc), ...readNetTable("self", "tcp6", proc)]
    .filter((s) => s.listening)
    .filter((s) => {
      const colon = s.local.lastIndexOf(":");
      const host = s.local.slice(0, colon);
      return Number(s.local.slice(colon + 1)) === port && (!address || host === address || wild.has(host));
    })
    .map((s) => s.inode);
}

/** Pids holding any of these socket inodes, found by scanning every /proc/N/fd we may read. */
export function socketHolders(inodes: number[], proc = PROC): number[] {
  const links = new Set(inodes.map((i) => `socket:[${i}]`));
  const holders: number[] = [];
  if (links.size === 0) return holders;
  for (const name of readdirSync(proc)) {
    if (!/^\d+$/.test(name)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`${proc}/${name}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      try {
        if (links.has(readlinkSync(`${proc}/${name}/fd/${fd}`))) {
          holders.push(Number(name));
          break;
        }
      } catch {
        // closed meanwhile
      }
    }
  }
  return holders;
}

/** The pid of the server listening on port, or undefined when nobody listens there. */
export function findServer(port: number, address?: string, proc = PROC): number | undefined {
  const holders = socketHolders(listeningInodes(port, address, proc), proc);
  const set = new Set(holders);
  const roots = holders.filter((pid) => !set.has(readStat(pid, proc)?.ppid ?? -1));
  return roots.sort((a, b) => a - b)[0];
}
