// Sockets, name lookup and select. Addresses cross into the kernel as {host, port};
// struct sockaddr_in keeps the port and address in network byte order, as in C.
import { isBlocked, SockAddr, SysRet } from "../../kernel/kernel";
import { latin1Text } from "../../kernel/latin1";
import { Builtin, Ctl, Ctx } from "../ctl";
import { loopbackName } from "./hostname";
import { cstr, heapAlloc, heapFree, setErrno, span, str, sys } from "./sys";
import { GAI_MESSAGES } from "./strerror";

const AF_UNIX = 1;
const AF_INET = 2;
const SOCK_DGRAM = 2;
/** sizeof(sun_path) in struct sockaddr_un. */
const SUN_PATH = 108;

/** The address a program passes: struct sockaddr_in (port and address in network byte
 *  order), or struct sockaddr_un's path. */
function readAddr(c: Ctx, a: number): SockAddr {
  if (c.mem.readU(a, 2) === AF_UNIX) {
    let path = "";
    for (let i = 0; i < SUN_PATH; i++) {
      const b = c.mem.read8(a + 2 + i);
      if (b === 0) break;
      path += String.fromCharCode(b);
    }
    return { path };
  }
  const port = (c.mem.read8(a + 2) << 8) | c.mem.read8(a + 3);
  const host = [0, 1, 2, 3].map((i) => c.mem.read8(a + 4 + i)).join(".");
  return { host, port };
}

/** Copy an address the kernel gave back out to a struct sockaddr and its length (cut to the
 *  room *lenp says there is, as the kernel does; *lenp then holds the full length). */
function writeAddr(c: Ctx, a: number, lenp: number, r: SysRet): void {
  if (!a || (r.addr === undefined && r.sun === undefined)) {
    if (a && lenp) c.mem.writeU(lenp, 4, 0); // a stream socket's recvfrom: no address
    return;
  }
  const room = lenp ? c.mem.readU(lenp, 4) : 16;
  let bytes: Uint8Array;
  if (r.sun !== undefined) {
    // An unnamed AF_UNIX socket's address is the family alone (length 2).
    bytes = new Uint8Array(r.sun ? 3 + r.sun.length : 2);
    bytes[0] = AF_UNIX;
    for (let i = 0; i < r.sun.length; i++) bytes[2 + i] = r.sun.charCodeAt(i) & 0xff;
  } else {
    const [host, port] = r.addr!.split(":");
    bytes = new Uint8Array(16);
    bytes[0] = AF_INET;
    bytes[2] = (+port >> 8) & 0xff;
    bytes[3] = +port & 0xff;
    host.split(".").forEach((b, i) => { bytes[4 + i] = +b; });
  }
  c.mem.writeBytes(a, bytes.subarray(0, Math.min(room, bytes.length)));
  if (lenp) c.mem.writeU(lenp, 4, bytes.length);
}

/** Dotted-decimal as inet_pton(3) reads it: four parts, each 0..255 without leading zeros. */
function parseHost(h: string): number[] | undefined {
  if (loopbackName(h)) return [127, 0, 0, 1];
  const parts = h.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && +p < 256)) return undefined;
  return parts.map(Number);
}

/**
 * An IPv4 address as glibc's inet_aton reads it (inet_addr too): one to four parts, each a
 * C number (0x hex, 0 octal, else decimal); the last fills the bytes left ("127.1" is
 * 127.0.0.1, "10.65535" is 10.0.255.255); anything from a space on is ignored. The
 * address as a 32-bit number in host order, or undefined.
 */
export function inetAton(s: string): number | undefined {
  const m = /^([^\s]*)(\s.*)?$/s.exec(s);
  const parts = (m ? m[1] : s).split(".");
  if (parts.length > 4) return undefined;
  const vals: number[] = [];
  for (const p of parts) {
    if (!/^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.test(p)) return undefined;
    const v = /^0[xX]/.test(p) ? parseInt(p.slice(2), 16) : p.length > 1 && p[0] === "0" ? parseInt(p, 8) : +p;
    if (v > 0xffffffff) return undefined;
    vals.push(v);
  }
  const last = vals.pop()!;
  if (vals.some((v) => v > 0xff) || last >= 2 ** (8 * (4 - vals.length))) return undefined;
  return vals.reduce((acc, v, i) => acc + v * 2 ** (24 - 8 * i), 0) + last;
}

const swap16 = (x: number): number => ((x & 0xff) << 8) | ((x >> 8) & 0xff);
const swap32 = (x: number): number => (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >> 8) & 0xff00) | ((x >>> 24) & 0xff)) >>> 0;

/** getaddrinfo for numeric hosts, "localhost" (or the machine's name) and numeric services: one IPv4 TCP result. */
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

/** socketpair(2): two connected AF_UNIX stream sockets; the trace carries the pair, as strace prints it. */
function socketpair(c: Ctx, a: number[]): number | Ctl {
  const [domain, type, protocol, sv] = a;
  if (domain === AF_UNIX && (type & 0xf) === SOCK_DGRAM) unixDgramNote(c);
  const r = c.k.socketpair(c.t.tid, domain, type, protocol);
  const fds = !isBlocked(r) && r.fds ? [...r.fds] : [];
  return sys(c, "socketpair", fds, r, (res) => {
    c.mem.writeU(sv, 4, res.fds![0]);
    c.mem.writeU(sv + 4, 4, res.fds![1]);
    return res.ret;
  });
}

function unixDgramNote(c: Ctx): void {
  c.m.note(c.p, c.m.userLine(c.p, c.t), "AF_UNIX datagram sockets are not modelled (AF_UNIX stream sockets and UDP on 127.0.0.1 are): the call fails with ESOCKTNOSUPPORT");
}

/** sendto(2): a datagram to dest (NULL: the connected peer; a stream socket writes). */
function sendto(c: Ctx, a: number[]): number | Ctl {
  const [fd, buf, len, flags, dest] = a;
  const to = dest ? readAddr(c, dest) : null;
  const bytes = c.mem.readBytes(buf, len);
  return sys(c, "sendto", [fd, len], c.k.sendto(c.t.tid, fd, bytes, to, flags), undefined, bytes.length <= 4096 ? latin1Text(bytes) : undefined);
}

/** recvfrom(2)/recv(2): the bytes, and the sender's address when src is given. */
function recvfrom(c: Ctx, a: number[]): number | Ctl {
  const [fd, buf, len, flags, src, lenp] = a;
  return sys(c, "recvfrom", [fd, len], c.k.recvfrom(c.t.tid, fd, len, flags), (r) => {
    if (r.data && r.data.length) {
      span(c, buf, r.data.length, "recvfrom writes");
      c.mem.writeBytes(buf, r.data);
    }
    writeAddr(c, src ?? 0, lenp ?? 0, r);
    return r.ret;
  });
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
  {
    name: "socket", fn: (c, a) => {
      if (a[0] === AF_UNIX && (a[1] & 0xf) === SOCK_DGRAM) unixDgramNote(c);
      return sys(c, "socket", [a[0], a[1]], c.k.socket(c.t.tid, a[0], a[1], a[2]));
    },
  },
  { name: "sendto", fn: sendto },
  { name: "send", fn: (c, a) => sendto(c, [a[0], a[1], a[2], a[3], 0, 0]) },
  { name: "recvfrom", fn: recvfrom },
  { name: "recv", fn: (c, a) => recvfrom(c, [a[0], a[1], a[2], a[3], 0, 0]) },
  { name: "bind", fn: (c, a) => sys(c, "bind", [a[0]], c.k.bind(c.t.tid, a[0], readAddr(c, a[1]))) },
  { name: "listen", fn: (c, a) => sys(c, "listen", [a[0], a[1]], c.k.listen(c.t.tid, a[0], a[1])) },
  { name: "accept", fn: (c, a) => sys(c, "accept", [a[0]], c.k.accept(c.t.tid, a[0]), (r) => { writeAddr(c, a[1], a[2], r); return r.ret; }) },
  { name: "accept4", fn: (c, a) => sys(c, "accept4", [a[0]], c.k.accept(c.t.tid, a[0], a[3]), (r) => { writeAddr(c, a[1], a[2], r); return r.ret; }) },
  { name: "connect", fn: (c, a) => sys(c, "connect", [a[0]], c.k.connect(c.t.tid, a[0], readAddr(c, a[1]))) },
  { name: "shutdown", fn: (c, a) => sys(c, "shutdown", [a[0], a[1]], c.k.shutdown(c.t.tid, a[0], a[1])) },
  {
    // The value is an int (the first 4 bytes of a longer one, on this little-endian machine).
    name: "setsockopt", fn: (c, a) => {
      const value = a[3] && a[4] >= 4 ? c.mem.readU(a[3], 4) | 0 : 0;
      return sys(c, "setsockopt", [a[0], a[1], a[2]], c.k.setsockopt(c.t.tid, a[0], a[1], a[2], value, a[4]));
    },
  },
  {
    // The value goes out as an int, cut to *optlen as the kernel cuts it (*optlen then says 4 at most).
    name: "getsockopt", fn: (c, a) => sys(c, "getsockopt", [a[0], a[1], a[2]], c.k.getsockopt(c.t.tid, a[0], a[1], a[2]), (r) => {
      const room = a[4] ? c.mem.readU(a[4], 4) : 0;
      const n = Math.min(room, 4);
      const bytes = new Uint8Array(4);
      new DataView(bytes.buffer).setInt32(0, r.optval ?? 0, true);
      if (a[3] && n > 0) c.mem.writeBytes(a[3], bytes.subarray(0, n));
      if (a[4]) c.mem.writeU(a[4], 4, n);
      return r.ret;
    }),
  },
  { name: "getsockname", fn: (c, a) => sys(c, "getsockname", [a[0]], c.k.getsockname(c.t.tid, a[0]), (r) => { writeAddr(c, a[1], a[2], r); return r.ret; }) },
  { name: "getpeername", fn: (c, a) => sys(c, "getpeername", [a[0]], c.k.getpeername(c.t.tid, a[0]), (r) => { writeAddr(c, a[1], a[2], r); return r.ret; }) },
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
      const addr = readAddr(c, sa);
      if ("path" in addr) return -6; // EAI_FAMILY: getnameinfo names AF_INET addresses
      const { host: h, port } = addr;
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
      if (!ip || loopbackName(str(c, a[1]))) return 0;
      c.mem.writeBytes(a[2], new Uint8Array(ip));
      return 1;
    },
  },
  // Both give the address in network byte order; inet_addr gives INADDR_NONE for a bad one.
  { name: "inet_addr", fn: (c, a) => { const v = inetAton(str(c, a[0])); return v === undefined ? 0xffffffff : swap32(v); } },
  {
    name: "inet_aton", fn: (c, a) => {
      const v = inetAton(str(c, a[0]));
      if (v === undefined) return 0;
      if (a[1]) c.mem.writeU(a[1], 4, swap32(v));
      return 1;
    },
  },
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
  {
    // struct pollfd { int fd; short events; short revents; }: revents written back for every entry.
    name: "poll", fn: (c, a) => {
      const [at, n, timeout] = a;
      // More entries than descriptors can be open is EINVAL (the kernel says so past its limit).
      if (n > 65536) { setErrno(c, "EINVAL"); return -1; }
      const fds = Array.from({ length: n }, (_, i) => ({ fd: c.mem.readU(at + 8 * i, 4) | 0, events: c.mem.readU(at + 8 * i + 4, 2) }));
      if (n > 0) span(c, at, 8 * n, "poll reads and writes");
      return sys(c, "poll", [n, timeout | 0], c.k.poll(c.t.tid, fds, timeout | 0), (r) => {
        (r.revents ?? []).forEach((ev, i) => c.mem.writeU(at + 8 * i + 6, 2, ev));
        return r.ret;
      });
    },
  },
  { name: "FD_ZERO", fn: (c, a) => { c.mem.fill(a[0], 0, 128); return 0; } },
  { name: "FD_SET", fn: (c, a) => { const b = a[1] + (a[0] >> 3); c.mem.write8(b, c.mem.read8(b) | (1 << (a[0] & 7))); return 0; } },
  { name: "FD_CLR", fn: (c, a) => { const b = a[1] + (a[0] >> 3); c.mem.write8(b, c.mem.read8(b) & ~(1 << (a[0] & 7))); return 0; } },
  { name: "FD_ISSET", fn: (c, a) => (c.mem.read8(a[1] + (a[0] >> 3)) & (1 << (a[0] & 7)) ? 1 : 0) },
];
