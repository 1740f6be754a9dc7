// Socket options (setsockopt, getsockopt) at SOL_SOCKET, the ones course programs set and
// read: SO_REUSEADDR (bind's rule, sockname.ts), SO_KEEPALIVE and SO_REUSEPORT (kept, so
// they read back; on loopback they change nothing here), SO_RCVBUF and SO_SNDBUF (socket(7)'s
// rule for the value read back; the model's buffers keep their own size, limits.socketBuffer),
// and the read-only SO_TYPE, SO_ERROR (the pending error, taken as Linux's sock_error takes
// it) and SO_ACCEPTCONN. A TCP-level option is accepted on a TCP socket and changes nothing.
// An option value shorter than an int is EINVAL, as Linux checks before the option.
import { ERRNO } from "./errno";
import { IPPROTO_TCP, SO_ACCEPTCONN, SO_ERROR, SO_KEEPALIVE, SO_RCVBUF, SO_REUSEADDR, SO_REUSEPORT, SO_SNDBUF, SO_TYPE, SOCK_DGRAM, SOCK_STREAM, SOL_SOCKET } from "./fcntl";
import type { Sock, Task } from "./kstate";
import { fail, ok, SysResult } from "./result";
import { sockget } from "./socket";

/** net.core.rmem_max and wmem_max as Linux sets them by default: the most a program may ask. */
const BUF_MAX = 212992;
/** The least a buffer may be once doubled (x86-64: 2048 bytes and a struct sk_buff; twice
 *  that to send), whatever was asked. */
const MIN_RCVBUF = 2304;
const MIN_SNDBUF = 2 * MIN_RCVBUF;

/** SO_RCVBUF or SO_SNDBUF as set to `value` (an int): the kernel takes the value as unsigned
 *  (so a negative one is huge), caps it at the maximum, doubles it for its bookkeeping and
 *  raises it to the minimum; the result is what getsockopt reads back. */
function bufsize(opt: number, value: number): number {
  const asked = Math.min(value >>> 0, BUF_MAX);
  return Math.max(asked * 2, opt === SO_RCVBUF ? MIN_RCVBUF : MIN_SNDBUF);
}

/** A socket's buffer sizes before any setsockopt: TCP's from net.ipv4.tcp_rmem and tcp_wmem
 *  (their middle values), every other socket's from net.core.rmem_default and wmem_default. */
function defaultBuf(s: Sock, opt: number): number {
  if (s.family === "inet" && s.type === "stream") return opt === SO_RCVBUF ? 131072 : 16384;
  return BUF_MAX;
}

/** setsockopt(2) of an int option; `len` is optlen, the value's size (shorter than an int: EINVAL). */
export function setsockopt(t: Task, fd: number, level: number, opt: number, value: number, len = 4): SysResult {
  const g = sockget(t, fd);
  if ("ret" in g) return g;
  const tcp = g.s.type === "stream" && g.s.family === "inet";
  if ((level === SOL_SOCKET || (level === IPPROTO_TCP && tcp)) && len < 4) return fail("EINVAL");
  if (level === SOL_SOCKET) {
    if (opt === SO_REUSEADDR) g.s.reuseaddr = value !== 0;
    else if (opt === SO_KEEPALIVE || opt === SO_REUSEPORT) (g.s.options ??= {})[opt] = value !== 0 ? 1 : 0;
    else if (opt === SO_RCVBUF || opt === SO_SNDBUF) (g.s.options ??= {})[opt] = bufsize(opt, value);
    else return fail("ENOPROTOOPT");
    return ok(0);
  }
  if (level === IPPROTO_TCP && tcp) return ok(0);
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
    case SO_RCVBUF: case SO_SNDBUF: return ok(0, { optval: s.options?.[opt] ?? defaultBuf(s, opt) });
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
