// Sockets, name lookup and select. Addresses cross into the kernel as {host, port};
// struct sockaddr_in keeps the port and address in network byte order, as in C.
import { isBlocked, SockAddr, SysResult, SOCK_STREAM } from "../../kernel/kernel";
import { Builtin, Ctl, Ctx } from "../ctl";
import { cstr, heapAlloc, heapFree, setErrno, str, sys } from "./sys";
import { GAI_MESSAGES } from "./strerror";

const AF_INET = 2;

function readAddr(c: Ctx, a: number): SockAddr {
  const port = (c.mem.read8(a + 2) << 8) | c.mem.read8(a + 3);
  const host = [0, 1, 2, 3].map((i) => c.mem.read8(a + 4 + i)).join(".");
  return { host, port };
}

function writeAddr(c: Ctx, a: number, lenp: number, addr: string | undefined): void {
  if (!a || !addr) return;
  const [host, port] = addr.split(":");
  const room = lenp ? c.mem.readU(lenp, 4) : 16;
  const bytes = new Uint8Array(16);
  bytes[0] = AF_INET;
  bytes[2] = (+port >> 8) & 0xff;
  bytes[3] = +port & 0xff;
  host.split(".").forEach((b, i) => { bytes[4 + i] = +b; });
  c.mem.writeBytes(a, bytes.subarray(0, Math.min(room, 16)));
  if (lenp) c.mem.writeU(lenp, 4, 16);
}

/** Dotted-decimal as inet_pton(3) reads it: four parts, each 0..255 without leading zeros. */
function parseHost(h: string): number[] | undefined {
  if (h === "localhost") return [127, 0, 0, 1];
  const parts = h.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && +p < 256)) return undefined;
  return parts.map(Number);
}

const swap16 = (x: number): number => ((x & 0xff) << 8) | ((x >> 8) & 0xff);
const swap32 = (x: number): number => (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >> 8) & 0xff00) | ((x >>> 24) & 0xff)) >>> 0;

/** getaddrinfo for numeric hosts, "localhost" and numeric services: one IPv4 TCP result. */
function getaddrinfo(c: Ctx, a: number[]): number {
  const [hostp, servp, hints, resp] = a;
  const flags = hints ? c.mem.readU(hints, 4) : 0;
  const family = hints ? c.mem.readU(hints + 4, 4) : 0;
  const socktype = hints ? c.mem.readU(hints + 8, 4) : 0;
  if (family !== 0 && family !== AF_INET) return -6;
  let ip: number[];
  if (hostp) {
    const h = parseHost(str(c, hostp));
    if (!h) return -2;
    ip = h;
  } else ip = flags & 1 ? [0, 0, 0, 0] : [127, 0, 0, 1];
  const serv = servp ? str(c, servp) : "0";
  if (!/^\d+$/.test(serv)) return -8;
  const port = +serv;
  // struct addrinfo (48 bytes) and its sockaddr_in (16 bytes) in one block, as glibc does.
  const ai = heapAlloc(c, 64);
  c.mem.fill(ai, 0, 64);
  c.mem.writeU(ai + 4, 4, AF_INET);
  c.mem.writeU(ai + 8, 4, socktype || 1);
  c.mem.writeU(ai + 12, 4, 6);
  c.mem.writeU(ai + 16, 4, 16);
  c.mem.write64(ai + 24, ai + 48);
  c.mem.writeBytes(ai + 48, new Uint8Array([AF_INET, 0, (port >> 8) & 0xff, port & 0xff, ...ip]));
  c.mem.write64(resp, ai);
  return 0;
}

/**
 * socketpair: the model has no AF_UNIX sockets, so the pair is two connected loopback TCP
 * sockets (a stream both ways, EOF when the other end closes: what the course shows).
 * The helper listening socket is gone before it returns and the pair gets the two lowest
 * free descriptors, as on Linux.
 */
function socketpair(c: Ctx, a: number[]): number | Ctl {
  const [, type, , sv] = a;
  if ((type & 0xf) !== SOCK_STREAM) return sys(c, "socketpair", [a[0], type], { ret: -1, errno: "EOPNOTSUPP" });
  const k = c.k, tid = c.t.tid;
  const n = (r: SysResult): number => (isBlocked(r) ? -1 : r.ret);
  const l = n(k.socket(tid, AF_INET, SOCK_STREAM, 0));
  if (l < 0) return sys(c, "socketpair", [a[0], type], { ret: -1, errno: "EMFILE" });
  n(k.listen(tid, l, 1));
  const name = k.getsockname(tid, l);
  const port = isBlocked(name) || !name.addr ? 0 : +name.addr.split(":")[1];
  const x = n(k.socket(tid, AF_INET, SOCK_STREAM, 0));
  const y = x < 0 || n(k.connect(tid, x, { host: "127.0.0.1", port })) < 0 ? -1 : n(k.accept(tid, l));
  k.close(tid, l);
  if (y < 0) {
    if (x >= 0) k.close(tid, x);
    return sys(c, "socketpair", [a[0], type], { ret: -1, errno: "EMFILE" });
  }
  // l's number is free again: move the pair down to l and l + 1.
  const pair = [x, y].map((fd, i) => {
    const want = l + i;
    if (fd === want) return fd;
    k.dup2(tid, fd, want);
    k.close(tid, fd);
    return want;
  });
  c.mem.writeU(sv, 4, pair[0]);
  c.mem.writeU(sv + 4, 4, pair[1]);
  return sys(c, "socketpair", [a[0], type], { ret: 0 });
}

function readFdSet(c: Ctx, a: number, n: number): number[] {
  const out: number[] = [];
  if (!a) return out;
  for (let fd = 0; fd < n; fd++) if (c.mem.read8(a + (fd >> 3)) & (1 << (fd & 7))) out.push(fd);
  return out;
}

function writeFdSet(c: Ctx, a: number, fds: number[]): void {
  if (!a) return;
  c.mem.fill(a, 0, 128);
  for (const fd of fds) c.mem.write8(a + (fd >> 3), c.mem.read8(a + (fd >> 3)) | (1 << (fd & 7)));
}

export const net: Builtin[] = [
  { name: "socketpair", fn: socketpair },
  { name: "socket", fn: (c, a) => sys(c, "socket", [a[0], a[1]], c.k.socket(c.t.tid, a[0], a[1], a[2])) },
  { name: "bind", fn: (c, a) => sys(c, "bind", [a[0]], c.k.bind(c.t.tid, a[0], readAddr(c, a[1]))) },
  { name: "listen", fn: (c, a) => sys(c, "listen", [a[0], a[1]], c.k.listen(c.t.tid, a[0], a[1])) },
  { name: "accept", fn: (c, a) => sys(c, "accept", [a[0]], c.k.accept(c.t.tid, a[0]), (r) => { writeAddr(c, a[1], a[2], r.addr); return r.ret; }) },
  { name: "connect", fn: (c, a) => sys(c, "connect", [a[0]], c.k.connect(c.t.tid, a[0], readAddr(c, a[1]))) },
  { name: "shutdown", fn: (c, a) => sys(c, "shutdown", [a[0], a[1]], c.k.shutdown(c.t.tid, a[0], a[1])) },
  { name: "setsockopt", fn: (c, a) => sys(c, "setsockopt", [a[0], a[1], a[2]], c.k.setsockopt(c.t.tid, a[0], a[1], a[2], a[3] ? c.mem.readU(a[3], 4) : 0)) },
  { name: "getsockname", fn: (c, a) => sys(c, "getsockname", [a[0]], c.k.getsockname(c.t.tid, a[0]), (r) => { writeAddr(c, a[1], a[2], r.addr); return r.ret; }) },
  { name: "getpeername", fn: (c, a) => sys(c, "getpeername", [a[0]], c.k.getpeername(c.t.tid, a[0]), (r) => { writeAddr(c, a[1], a[2], r.addr); return r.ret; }) },
  { name: "getaddrinfo", fn: getaddrinfo },
  {
    name: "freeaddrinfo", fn: (c, a) => {
      for (let p = a[0], i = 0; p && i < 100; i++) { const next = c.mem.read64(p + 40, false); heapFree(c, p); p = next; }
      return 0;
    },
  },
  { name: "gai_strerror", fn: (c, a) => cstr(c, GAI_MESSAGES[a[0]] ?? "Unknown error") },
  {
    name: "getnameinfo", fn: (c, a) => {
      const [sa, , host, hostlen, serv, servlen, flags] = a;
      const { host: h, port } = readAddr(c, sa);
      const name = flags & 1 || h !== "127.0.0.1" ? h : "localhost";
      if (host && hostlen) c.mem.writeString(host, name.slice(0, hostlen - 1));
      if (serv && servlen) c.mem.writeString(serv, String(port).slice(0, servlen - 1));
      return 0;
    },
  },
  { name: "htons", fn: (_c, a) => swap16(a[0]) },
  { name: "ntohs", fn: (_c, a) => swap16(a[0]) },
  { name: "htonl", fn: (_c, a) => swap32(a[0]) },
  { name: "ntohl", fn: (_c, a) => swap32(a[0]) },
  {
    name: "inet_ntop", fn: (c, a) => {
      const [af, src, dst, size] = a;
      if (af !== AF_INET) { setErrno(c, "EAFNOSUPPORT"); return 0; }
      const s = [0, 1, 2, 3].map((i) => c.mem.read8(src + i)).join(".");
      if (s.length + 1 > size) { setErrno(c, "ENOSPC"); return 0; }
      c.mem.writeString(dst, s);
      return dst;
    },
  },
  {
    name: "inet_pton", fn: (c, a) => {
      if (a[0] !== AF_INET) { setErrno(c, "EAFNOSUPPORT"); return -1; }
      const ip = parseHost(str(c, a[1]));
      if (!ip || str(c, a[1]) === "localhost") return 0;
      c.mem.writeBytes(a[2], new Uint8Array(ip));
      return 1;
    },
  },
  { name: "inet_addr", fn: (c, a) => { const ip = parseHost(str(c, a[0])); return ip ? (ip[0] | (ip[1] << 8) | (ip[2] << 16) | (ip[3] << 24)) >>> 0 : 0xffffffff; } },
  { name: "inet_ntoa", fn: (c, a) => cstr(c, [0, 1, 2, 3].map((i) => c.mem.read8(a[0] + i)).join(".")) },
  {
    name: "select", fn: (c, a) => {
      const [n, r, w, e, tv] = a;
      const timeout = tv ? c.mem.read64(tv, true) * 1000 + Math.floor(c.mem.read64(tv + 8, true) / 1000) : null;
      const sets = { read: readFdSet(c, r, n), write: readFdSet(c, w, n), except: readFdSet(c, e, n) };
      return sys(c, "select", [n], c.k.select(c.t.tid, n, sets, timeout), (res) => {
        writeFdSet(c, r, res.readable ?? []);
        writeFdSet(c, w, res.writable ?? []);
        writeFdSet(c, e, []);
        return res.ret;
      });
    },
  },
  { name: "FD_ZERO", fn: (c, a) => { c.mem.fill(a[0], 0, 128); return 0; } },
  { name: "FD_SET", fn: (c, a) => { const b = a[1] + (a[0] >> 3); c.mem.write8(b, c.mem.read8(b) | (1 << (a[0] & 7))); return 0; } },
  { name: "FD_CLR", fn: (c, a) => { const b = a[1] + (a[0] >> 3); c.mem.write8(b, c.mem.read8(b) & ~(1 << (a[0] & 7))); return 0; } },
  { name: "FD_ISSET", fn: (c, a) => (c.mem.read8(a[1] + (a[0] >> 3)) & (1 << (a[0] & 7)) ? 1 : 0) },
];
