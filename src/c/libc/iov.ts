// Scatter-gather I/O (<sys/uio.h>): writev and readv are one system call each, as on Linux.
// writev gathers the buffers and writes them as one write (one datagram, one atomic pipe
// write of up to PIPE_BUF); readv reads what one read would give for the buffers' total
// and spreads it over them in order.
import { Builtin, Ctl, Ctx } from "../ctl";
import { setErrno, span, sys } from "./sys";
import { writeCall } from "./unistd";

/** IOV_MAX on Linux. */
const IOV_MAX = 1024;

/** The iovec array's (base, length) pairs, or undefined when iovcnt or a length is bad (EINVAL). */
function iovecs(c: Ctx, iov: number, n: number): Array<[number, number]> | undefined {
  if (n < 0 || n > IOV_MAX) return undefined;
  const out: Array<[number, number]> = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const base = c.mem.read64(iov + 16 * i, false);
    const len = c.mem.read64(iov + 16 * i + 8, true);
    total += len;
    if (len < 0 || total > 0x7ffff000) return undefined;
    out.push([base, len]);
  }
  return out;
}

function writev(c: Ctx, a: number[]): number | Ctl {
  const [fd, iov, n] = a;
  const parts = iovecs(c, iov, n);
  if (!parts) { setErrno(c, "EINVAL"); return -1; }
  const chunks = parts.map(([base, len]) => c.mem.readBytes(base, len));
  const bytes = new Uint8Array(chunks.reduce((s, b) => s + b.length, 0));
  let at = 0;
  for (const b of chunks) { bytes.set(b, at); at += b.length; }
  return writeCall(c, "writev", fd, bytes, [fd, n]);
}

function readv(c: Ctx, a: number[]): number | Ctl {
  const [fd, iov, n] = a;
  const parts = iovecs(c, iov, n);
  if (!parts) { setErrno(c, "EINVAL"); return -1; }
  const total = parts.reduce((s, [, len]) => s + len, 0);
  return sys(c, "readv", [fd, n], c.k.read(c.t.tid, fd, total, "readv"), (r) => {
    const data = r.data ?? new Uint8Array(0);
    let at = 0;
    for (const [base, len] of parts) {
      if (at >= data.length) break;
      const piece = data.subarray(at, at + len);
      span(c, base, piece.length, "readv writes");
      c.mem.writeBytes(base, piece);
      at += piece.length;
    }
    return r.ret;
  });
}

export const iov: Builtin[] = [
  { name: "writev", fn: writev },
  { name: "readv", fn: readv },
];
