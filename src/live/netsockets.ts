// Socket addresses and states from /proc/net/{tcp,tcp6,unix}, keyed by the socket's inode
// (the number in an fd link "socket:[N]"). These tables are per network namespace, so we
// read them through the root process's /proc/PID/net.
import { endianness } from "node:os";
import { PROC, readProcFile } from "./procfs";

export type TcpState =
  | "ESTABLISHED" | "SYN_SENT" | "SYN_RECV" | "FIN_WAIT1" | "FIN_WAIT2" | "TIME_WAIT"
  | "CLOSE" | "CLOSE_WAIT" | "LAST_ACK" | "LISTEN" | "CLOSING" | "NEW_SYN_RECV";

// include/net/tcp_states.h, in order from 1.
const TCP_STATES: TcpState[] = [
  "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE",
  "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV",
];

export interface NetSocket {
  inode: number;
  proto: "tcp" | "tcp6" | "unix";
  /** "127.0.0.1:15213", "[::1]:80", or a unix path ("" when unnamed). */
  local: string;
  remote?: string;
  tcpState?: TcpState;
  /** unix sockets: listening (accepting connections) and connected. */
  listening: boolean;
  connected: boolean;
  /** Bytes queued: received but unread, sent but unacknowledged (TCP only). */
  rxQueue: number;
  txQueue: number;
}

const little = endianness() === "LE";

/** One 32-bit word as /proc prints it (%08X of a network-order value read natively) -> 4 bytes. */
function wordBytes(hex: string): number[] {
  const v = parseInt(hex, 16);
  const bytes = [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
  return little ? bytes.reverse() : bytes;
}

/** "0100007F:3B6D" -> "127.0.0.1:15213"; 32 hex digits -> "[::1]:port". */
export function parseTcpAddress(text: string): string {
  const [addr, port] = text.split(":");
  const p = parseInt(port, 16);
  if (addr.length === 8) return `${wordBytes(addr).join(".")}:${p}`;
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 8) bytes.push(...wordBytes(addr.slice(i, i + 8)));
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  const mapped = groups.slice(0, 5).every((g) => g === "0") && groups[5] === "ffff";
  if (mapped) return `${bytes.slice(12).join(".")}:${p}`;
  return `[${compressIpv6(groups)}]:${p}`;
}

/** RFC 5952 text: the longest run of two or more zero groups becomes "::". */
function compressIpv6(groups: string[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < groups.length; i++) {
    let j = i;
    while (j < groups.length && groups[j] === "0") j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
  }
  if (best < 0) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLen).join(":")}`;
}

/** Parses /proc/net/tcp or tcp6 (header line first). */
export function parseNetTcp(text: string, proto: "tcp" | "tcp6"): NetSocket[] {
  const out: NetSocket[] = [];
  for (const line of text.split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [tx, rx] = f[4].split(":").map((h) => parseInt(h, 16));
    const tcpState = TCP_STATES[parseInt(f[3], 16) - 1];
    out.push({
      inode: Number(f[9]),
      proto,
      local: parseTcpAddress(f[1]),
      remote: parseTcpAddress(f[2]),
      tcpState,
      listening: tcpState === "LISTEN",
      connected: tcpState !== "LISTEN" && tcpState !== "CLOSE",
      rxQueue: rx,
      txQueue: tx,
    });
  }
  return out;
}

const SO_ACCEPTCON = 0x10000;
const SS_CONNECTED = 3;

/** Parses /proc/net/unix: Num RefCount Protocol Flags Type St Inode [Path]. */
export function parseNetUnix(text: string): NetSocket[] {
  const out: NetSocket[] = [];
  for (const line of text.split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 7) continue;
    out.push({
      inode: Number(f[6]),
      proto: "unix",
      local: f[7] ?? "",
      listening: (parseInt(f[3], 16) & SO_ACCEPTCON) !== 0,
      connected: parseInt(f[5], 16) === SS_CONNECTED,
      rxQueue: 0,
      txQueue: 0,
    });
  }
  return out;
}

type Table = "tcp" | "tcp6" | "unix";

const PARSERS: Record<Table, (t: string) => NetSocket[]> = {
  tcp: (t) => parseNetTcp(t, "tcp"),
  tcp6: (t) => parseNetTcp(t, "tcp6"),
  unix: parseNetUnix,
};

/** One table of pid's network namespace; empty when the kernel lacks it (no IPv6...). */
export function readNetTable(pid: number | "self", table: Table, proc = PROC): NetSocket[] {
  try {
    return PARSERS[table](readProcFile(`${proc}/${pid}/net/${table}`));
  } catch {
    return [];
  }
}

/** All sockets visible in pid's network namespace. */
export function readNetSockets(pid: number, proc = PROC): NetSocket[] {
  return (["tcp", "tcp6", "unix"] as Table[]).flatMap((t) => readNetTable(pid, t, proc));
}

/**
 * Reading /proc/net/tcp walks the kernel's whole connection hash table: milliseconds
 * even when nearly empty. So a refresh reads it only when a socket it has not seen
 * appears, or when its copy is older than maxAgeMs (states and queue counts drift);
 * tcp6 and unix are read only when some socket is still not found.
 */
export class NetSocketCache {
  private sockets: NetSocket[] = [];
  private known = new Set<number>();
  private readAt = -Infinity;
  /** Table reads so far (for the benchmark). */
  reads = 0;

  constructor(private maxAgeMs = 1000, private proc = PROC) {}

  lookup(pid: number, inodes: number[], now: number): NetSocket[] {
    const fresh = now - this.readAt < this.maxAgeMs;
    if (fresh && inodes.every((i) => this.known.has(i))) return this.sockets;
    this.sockets = [];
    this.known = new Set();
    for (const table of ["tcp", "tcp6", "unix"] as Table[]) {
      const rows = readNetTable(pid, table, this.proc);
      this.reads++;
      this.sockets.push(...rows);
      for (const s of rows) this.known.add(s.inode);
      if (inodes.every((i) => this.known.has(i))) break;
    }
    for (const i of inodes) this.known.add(i); // not an inet or unix socket: do not ask again
    this.readAt = now;
    return this.sockets;
  }
}
