// Where sockets are found by address: TCP ports and UDP ports on loopback (two namespaces,
// as in Linux: a TCP and a UDP socket may hold the same number), and AF_UNIX paths, which
// are socket files in the model's file system (bind creates one; it stays, like any file,
// until unlink, also after its socket is closed).
import type { Inode, KState, Sock } from "./kstate";
import { fail, ok, SysRet } from "./result";
import { lookup, normpath, statpath, UMASK } from "./stat";

export const LOOPBACK = "127.0.0.1";
const EPHEMERAL_LOW = 32768;
const EPHEMERAL_HIGH = 60999;

/** A socket's own address as the Snapshot and getsockname show it: "host:port", or the
 *  AF_UNIX path ("" while unnamed). */
export const sockname = (s: Sock): string => (s.family === "unix" ? s.path ?? "" : `${s.host ?? "0.0.0.0"}:${s.port ?? 0}`);

/** "0.0.0.0" (any), "127.0.0.1" (loopback), or undefined for an address not on this machine. */
export const localHost = (h: string): string | undefined =>
  h === "0.0.0.0" || h === "" ? "0.0.0.0" : h === LOOPBACK || h === "localhost" ? LOOPBACK : undefined;

/** The next free port of the ephemeral range (Linux's 32768-60999), or -1 when none is. */
export function ephemeral(k: KState, free: (port: number) => boolean): number {
  for (let i = 0; i <= EPHEMERAL_HIGH - EPHEMERAL_LOW; i++) {
    const port = k.nextEphemeral;
    k.nextEphemeral = port >= EPHEMERAL_HIGH ? EPHEMERAL_LOW : port + 1;
    if (free(port)) return port;
  }
  return -1;
}

// ---- TCP ----

/** Whether s may not bind TCP port `port`: SO_REUSEADDR lets two sockets share it as long as neither listens. */
export function portInUse(k: KState, port: number, s: Sock): boolean {
  return (k.ports.get(port) ?? []).some((o) => o.state === "listening" || !(o.reuseaddr && s.reuseaddr));
}

export function bindport(k: KState, s: Sock, host: string, port: number): void {
  s.host = host;
  s.port = port;
  s.state = "bound";
  const list = k.ports.get(port) ?? [];
  list.push(s);
  k.ports.set(port, list);
}

export function unbindport(k: KState, s: Sock): void {
  if (s.port === undefined || s.listener) return;
  if (s.type === "dgram") {
    if (k.udpPorts.get(s.port) === s) k.udpPorts.delete(s.port);
    return;
  }
  const list = (k.ports.get(s.port) ?? []).filter((o) => o !== s);
  if (list.length) k.ports.set(s.port, list);
  else k.ports.delete(s.port);
}

export function listenerOn(k: KState, port: number): Sock | undefined {
  return (k.ports.get(port) ?? []).find((o) => o.state === "listening");
}

// ---- UDP ----

/** Bind datagram socket s to host:port (0: an ephemeral one); EADDRINUSE when taken. */
export function udpbind(k: KState, s: Sock, host: string, port: number): SysRet {
  const p = port === 0 ? ephemeral(k, (n) => !k.udpPorts.has(n)) : port;
  if (p < 0 || k.udpPorts.has(p)) return fail("EADDRINUSE");
  s.host = host;
  s.port = p;
  s.state = "bound";
  k.udpPorts.set(p, s);
  return ok(0);
}

// ---- AF_UNIX ----

/** bind(2) of an AF_UNIX socket: a socket file at path. As Linux, the name is made first:
 *  EADDRINUSE when it exists, and only then EINVAL for a socket already bound or connected. */
export function unixbind(k: KState, s: Sock, path: string): SysRet {
  if (path === "") return fail("EINVAL"); // the abstract namespace is not modelled
  const st = statpath(k, path);
  if (st.ret === 0) return fail("EADDRINUSE");
  if (st.errno === "ENOTDIR") return st;
  if (s.path !== undefined) return fail("EINVAL"); // a connected, unnamed socket may still take a name
  const p = normpath(path);
  const ip: Inode = { path: p, data: new Uint8Array(0), size: 0, ver: 0, mode: 0o777 & ~UMASK, sock: s.id };
  k.fs.set(p, ip);
  s.path = path;
  if (s.state === "unbound") s.state = "bound";
  return ok(0);
}

/** The socket a connect to path reaches: ENOENT with no such name, ECONNREFUSED when the
 *  name is not a socket file or nothing listens behind it any more. */
export function unixlookup(k: KState, path: string): Sock | SysRet {
  if (path === "") return fail("ENOENT");
  const ip = lookup(k, path);
  if (!ip) return statpath(k, path).errno === "ENOTDIR" ? fail("ENOTDIR") : fail("ENOENT");
  const o = ip.sock === undefined ? undefined : k.objects.get(ip.sock);
  return o?.kind === "socket" && o.state === "listening" ? o : fail("ECONNREFUSED");
}
