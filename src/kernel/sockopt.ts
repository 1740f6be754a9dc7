// Socket options (setsockopt, getsockopt) at SOL_SOCKET, the ones course programs set and
// read: SO_REUSEADDR (bind's rule, sockname.ts), SO_KEEPALIVE and SO_REUSEPORT (kept, so
// they read back; on loopback they change nothing here), and the read-only SO_TYPE,
// SO_ERROR (the pending error, taken as Linux's sock_error takes it) and SO_ACCEPTCONN.
// A TCP-level option is accepted on a TCP socket and changes nothing.
import { ERRNO } from "./errno";
import { IPPROTO_TCP, SO_ACCEPTCONN, SO_ERROR, SO_KEEPALIVE, SO_REUSEADDR, SO_REUSEPORT, SO_TYPE, SOCK_DGRAM, SOCK_STREAM, SOL_SOCKET } from "./fcntl";
import type { Task } from "./kstate";
import { fail, ok, SysResult } from "./result";
import { sockget } from "./socket";

export function setsockopt(t: Task, fd: number, level: number, opt: number, value: number): SysResult {
  const g = sockget(t, fd);
  if ("ret" in g) return g;
  if (level === SOL_SOCKET) {
    if (opt === SO_REUSEADDR) g.s.reuseaddr = value !== 0;
    else if (opt === SO_KEEPALIVE || opt === SO_REUSEPORT) (g.s.options ??= {})[opt] = value !== 0 ? 1 : 0;
    else return fail("ENOPROTOOPT");
    return ok(0);
  }
  if (level === IPPROTO_TCP && g.s.type === "stream" && g.s.family === "inet") return ok(0);
  return fail("ENOPROTOOPT");
}

/** getsockopt: ret 0 and the int value in optval (booleans read back as 0 or 1). */
export function getsockopt(t: Task, fd: number, level: number, opt: number): SysResult {
  const g = sockget(t, fd);
  if ("ret" in g) return g;
  const { s } = g;
  if (level !== SOL_SOCKET) return fail("ENOPROTOOPT");
  switch (opt) {
    case SO_REUSEADDR: return ok(0, { optval: s.reuseaddr ? 1 : 0 });
    case SO_KEEPALIVE: case SO_REUSEPORT: return ok(0, { optval: s.options?.[opt] ?? 0 });
    case SO_TYPE: return ok(0, { optval: s.type === "stream" ? SOCK_STREAM : SOCK_DGRAM });
    case SO_ACCEPTCONN: return ok(0, { optval: s.state === "listening" ? 1 : 0 });
    case SO_ERROR: {
      const err = s.err;
      s.err = undefined;
      return ok(0, { optval: err ? ERRNO[err] : 0 });
    }
    default: return fail("ENOPROTOOPT");
  }
}
