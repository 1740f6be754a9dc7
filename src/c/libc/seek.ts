// Positioning a FILE stream: fseek, rewind, ftell and clearerr. Output still in the buffer is
// written first and read-ahead is dropped, so the descriptor's offset (shared with every
// process and descriptor that refers to the same open file) is where the stream says it is.
// The stream remembers the offset its seek found (Stream.offset), as glibc's does.
import { isBlocked, SEEK_CUR, SEEK_END } from "../../kernel/kernel";
import { Builtin, Ctl, Ctx } from "../ctl";
import { latin1Bytes } from "../../kernel/latin1";
import { setErrno, sys } from "./sys";

/** Write out a stream's pending output now (a seek must follow it, not precede it). */
function flushNow(c: Ctx, fp: number): boolean {
  const s = c.p.streams[fp];
  if (!s.out.length) return true;
  const r = c.k.write(c.t.tid, s.fd, latin1Bytes(s.out));
  s.out = "";
  return !isBlocked(r) && c.m.record(c.p, c.t, "write", [s.fd, r.ret], r) >= 0;
}

function fseek(c: Ctx, fp: number, offset: number, whence: number): number | Ctl {
  const s = c.p.streams[fp];
  if (!s) { setErrno(c, "EBADF"); return -1; }
  if (!flushNow(c, fp)) { s.err = true; return -1; }
  // glibc's seek switches the stream to reading: the next output sets the buffer up anew.
  s.putting = false;
  // The kernel's offset is past the read-ahead: a relative seek counts from what was consumed.
  const off = whence === SEEK_CUR ? offset - s.in.length : offset;
  const r = sys(c, "lseek", [s.fd, off, whence], c.k.lseek(c.t.tid, s.fd, off, whence));
  if (typeof r !== "number" || r < 0) return r === -1 ? -1 : r;
  s.in = "";
  s.eof = false;
  s.offset = r;
  return 0;
}

function ftell(c: Ctx, fp: number): number | Ctl {
  const s = c.p.streams[fp];
  if (!s) { setErrno(c, "EBADF"); return -1; }
  // glibc's do_ftell: output waiting in an append stream will land at the end, so it asks
  // where the end is and remembers it; otherwise it asks the kernel only when the stream
  // does not know its offset.
  if (s.append && s.out.length) {
    const end = sys(c, "lseek", [s.fd, 0, SEEK_END], c.k.lseek(c.t.tid, s.fd, 0, SEEK_END));
    if (typeof end !== "number" || end < 0) return end;
    s.offset = end;
  }
  const r = s.offset ?? sys(c, "lseek", [s.fd, 0, SEEK_CUR], c.k.lseek(c.t.tid, s.fd, 0, SEEK_CUR));
  if (typeof r !== "number" || r < 0) return r;
  return r - s.in.length + s.out.length;
}

export const seek: Builtin[] = [
  { name: "fseek", fn: (c, a) => fseek(c, a[0], a[1], a[2]) },
  { name: "fseeko", fn: (c, a) => fseek(c, a[0], a[1], a[2]) },
  { name: "ftell", fn: (c, a) => ftell(c, a[0]) },
  { name: "ftello", fn: (c, a) => ftell(c, a[0]) },
  {
    name: "rewind", fn: (c, a) => {
      const r = fseek(c, a[0], 0, 0);
      const s = c.p.streams[a[0]];
      if (s) s.err = false;
      return typeof r === "number" ? 0 : r;
    },
  },
  { name: "clearerr", fn: (c, a) => { const s = c.p.streams[a[0]]; if (s) { s.err = false; s.eof = false; } return 0; } },
];
