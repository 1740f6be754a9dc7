// <stdio.h>: FILE streams whose buffers live in the process state (so fork copies them).
// A stream gets its buffer at its first use, as glibc's _IO_file_doallocate gives it: of the
// file's st_blksize (1024 for a terminal, 4096 for a pipe, socket or file), line buffered on
// a terminal and fully buffered otherwise; stderr is unbuffered. Output goes through glibc's
// xsputn and overflow rules (emit, putc), so write(2) sizes and moments are Linux's. exit()
// and returning from main flush every stream; _exit does not, which is why printf before
// fork can print twice.
import { isBlocked, F_GETFL, O_ACCMODE, O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND, S_IFCHR, S_IFMT, SEEK_CUR, SEEK_END } from "../../kernel/kernel";
import { AGAIN, BLOCKED, Builtin, Ctl, Ctx } from "../ctl";
import { StopError, Stream } from "../control";
import type { SysCont } from "../uproc";
import { latin1Bytes, latin1Text } from "../../kernel/latin1";
import { format, VaArgs } from "./format";
import type { Val } from "../wide";
import { heapAlloc, heapFree, heapRealloc, putString, setErrno, span, str, strn, sys } from "./sys";
import { strerror } from "./strerror";
import { scan, ScanStore } from "./scan";

/** glibc's BUFSIZ: the most it allocates for a stream, setbuf's size, vfprintf's own buffer. */
const BUFSIZ = 8192;
/** Below this buffer size glibc writes what does not fit straight out, not in whole buffers. */
const SMALL_BUFFER = 128;
/** setvbuf's modes (stdio.h). */
const _IOFBF = 0, _IOLBF = 1, _IONBF = 2;

/** Whether fd is a terminal (isatty). */
export function isatty(c: Ctx, fd: number): boolean {
  const r = c.k.isatty(c.t.tid, fd);
  return !isBlocked(r) && r.ret >= 0;
}

function stream(c: Ctx, fp: number): Stream | undefined {
  const s = c.p.streams[fp];
  if (!s) setErrno(c, "EBADF");
  return s;
}

/**
 * glibc's buffer allocation at a stream's first read or write (_IO_file_doallocate): fstat
 * the descriptor and take its st_blksize, at most BUFSIZ, whatever the buffering mode; a
 * terminal makes the stream line buffered unless setvbuf chose. glibc asks isatty only of a
 * character device it does not know by its number: the model's one character device is its
 * terminal, a pseudo-terminal glibc knows (strace shows the fstat and no ioctl). An
 * unbuffered stream gets glibc's one-byte buffer and no fstat.
 */
function allocate(c: Ctx, s: Stream): number {
  if (s.size !== undefined) return s.size;
  if (s.mode === "unbuffered") return (s.size = 1);
  const r = c.k.fstat(c.t.tid, s.fd);
  const st = !isBlocked(r) && r.ret >= 0 ? r.stat : undefined;
  s.size = st && st.blksize > 0 && st.blksize < BUFSIZ ? st.blksize : BUFSIZ;
  if (s.mode === "unset") s.mode = st && (st.mode & S_IFMT) === S_IFCHR ? "line" : "full";
  return s.size;
}

function mode(c: Ctx, s: Stream): Stream["mode"] {
  allocate(c, s);
  return s.mode;
}

/** Queue bytes for the kernel; the VM writes them out (and may block) before the builtin returns `ret`. */
export function queueWrite(c: Ctx, fd: number, data: string, ret: number): number {
  if (!c.t.sys) c.t.sys = { writes: [], ret };
  c.t.sys.ret = ret;
  if (data.length) c.t.sys.writes.push({ fd, data, call: "write" });
  return ret;
}

/** Write out the buffer's bytes (glibc's _IO_do_write); `ret` is what the caller returns. */
function writeBuffer(c: Ctx, s: Stream, ret: number): void {
  if (s.out.length) streamWrite(c, s, s.out, ret);
  s.out = "";
}

/** A queued write failed. glibc: a stream whose write fails gets its error indicator, the
 *  call fails (fflush EOF, printf -1) and writes nothing more of that stream (vfprintf and
 *  puts stop at the first failure). */
export function writeFailed(streams: Record<number, Stream>, sys: SysCont, fp: number | undefined): void {
  if (fp === undefined) return;
  const s = streams[fp];
  if (s) s.err = true;
  if (sys.failRet !== undefined) sys.ret = sys.failRet;
  sys.writes = sys.writes.filter((x) => x.stream !== fp);
}

/** A write of the stream's bytes. glibc moves its known offset on by what was written, or
 *  forgets it (append mode, fflush); the model always forgets it, which costs at most a
 *  later ftell one lseek that glibc would not make. */
function streamWrite(c: Ctx, s: Stream, data: string, ret: number): void {
  s.offset = undefined;
  queueWrite(c, s.fd, data, ret);
  const sys = c.t.sys!;
  const fp = Object.keys(c.p.streams).find((k) => c.p.streams[+k] === s);
  if (fp === undefined) return;
  sys.writes[sys.writes.length - 1].stream = +fp;
  sys.failRet ??= -1;
}

/**
 * One byte into a stream, as glibc's putc: into the buffer while it has room, else through
 * its overflow, which writes a full buffer first. A line-buffered stream then writes at a
 * newline and an unbuffered one at once. Every byte of a line-buffered stream takes this
 * path, so a full buffer is written only when the next byte comes.
 */
function putc(c: Ctx, s: Stream, ch: string, ret: number): number {
  s.oriented = true;
  const size = allocate(c, s);
  s.putting = true;
  if (s.out.length >= size) writeBuffer(c, s, ret);
  s.out += ch;
  if (s.mode === "unbuffered" || (s.mode === "line" && ch === "\n")) writeBuffer(c, s, ret);
  return ret;
}

/**
 * A piece of text into a stream, as glibc's _IO_new_file_xsputn (fputs, fwrite, puts, each
 * piece of printf): copy what fits in the buffer (on a line-buffered stream that has room
 * for the whole piece, up to its last newline); if anything is left, or a newline was
 * copied, write the buffer, then write whole buffers' worth of the rest straight from the
 * caller's text (all of it when the buffer is under 128 bytes) and put the tail in byte by
 * byte. Before the first output there is no room at all: a first piece with newlines on a
 * line-buffered stream is written line by line.
 */
export function emit(c: Ctx, s: Stream, text: string, ret: number): number {
  s.oriented = true;
  if (!text.length) return ret;
  const size = allocate(c, s);
  const line = s.mode === "line" || s.lineBuf;
  let room = s.putting && (s.mode !== "unbuffered" || line) ? size - s.out.length : 0;
  let newline = false;
  if (s.putting && line && room >= text.length) {
    const nl = text.lastIndexOf("\n");
    if (nl >= 0) { room = nl + 1; newline = true; }
  }
  const copied = Math.min(Math.max(room, 0), text.length);
  s.out += text.slice(0, copied);
  const rest = text.slice(copied);
  if (!rest.length && !newline) return ret;
  s.putting = true;
  writeBuffer(c, s, ret);
  const direct = rest.length - (size >= SMALL_BUFFER ? rest.length % size : 0);
  if (direct) streamWrite(c, s, rest.slice(0, direct), ret);
  for (const ch of rest.slice(direct)) putc(c, s, ch, ret);
  return ret;
}

/** Text on stderr as glibc's own messages go (assert's): through the stream, then flushed
 *  (the stream may be buffered if the program set it so). */
export function writeStderr(c: Ctx, text: string): void {
  const err = stream(c, c.p.prog.stderr);
  if (!err) return;
  emit(c, err, text, 0);
  flushStream(c, err);
}

export function flushStream(c: Ctx, s: Stream): void {
  writeBuffer(c, s, c.t.sys?.ret ?? 0);
}

export function flushAll(c: Ctx): void {
  for (const s of Object.values(c.p.streams)) flushStream(c, s);
}

/**
 * glibc's exit() hands back what each read stream read ahead and did not consume, after
 * flushing the output: lseek(fd, -unread, SEEK_CUR), so a file shared with other processes
 * (stdin after fork) is left at this process's first unread byte. On a pipe or terminal
 * the lseek fails with ESPIPE, which glibc ignores. Queued behind the flush's writes.
 */
export function queueUnread(c: Ctx): void {
  for (const s of Object.values(c.p.streams)) {
    if (!s.read || s.in.length === 0) continue;
    if (!c.t.sys) c.t.sys = { writes: [], ret: 0 };
    (c.t.sys.unread ??= []).push({ fd: s.fd, back: -s.in.length });
  }
}

/**
 * glibc's underflow: before a line-buffered or unbuffered input stream (stdin on a
 * terminal, or one set so by setvbuf) reads its descriptor, a line-buffered stdout is
 * flushed, so a prompt without a newline shows before the program waits for the answer.
 * Only stdout, and only when it is line buffered: a stdout to a pipe or file keeps its
 * bytes, and so does every stream when the input is fully buffered (stdin from a pipe).
 * True when bytes were queued: they must be written before the read (AGAIN).
 */
function flushBeforeRead(c: Ctx, s: Stream): boolean {
  const m = mode(c, s);
  if (m !== "line" && m !== "unbuffered") return false;
  const out = c.p.streams[c.p.prog.stdout];
  if (!out || out === s || !out.write || (out.mode !== "line" && !out.lineBuf) || !out.out.length) return false;
  flushStream(c, out);
  c.t.sys!.again = true;
  return true;
}

/** Fill a stream's read buffer with one read(2); false at EOF or on an error. */
function fill(c: Ctx, s: Stream): boolean | Ctl {
  if (flushBeforeRead(c, s)) return AGAIN;
  // A read of the buffer's size: an unbuffered stream's is glibc's one byte.
  return readInto(c, s, allocate(c, s));
}

/** One read(2) of at most `size` bytes onto the stream's read buffer; false at EOF or on an error. */
function readInto(c: Ctx, s: Stream, size: number): boolean | Ctl {
  s.oriented = true;
  const r = c.k.read(c.t.tid, s.fd, size);
  const v = sys(c, "read", [s.fd, size], r);
  if (v === BLOCKED) return BLOCKED;
  if (isBlocked(r)) return BLOCKED;
  if (r.ret < 0) { s.err = true; return false; }
  if (r.ret === 0) { s.eof = true; return false; }
  if (s.offset !== undefined) s.offset += r.ret;
  s.in += latin1Text(r.data ?? new Uint8Array());
  return true;
}

/** glibc's puts puts the text in as a piece and then the newline with putc: two writes on an unbuffered stream. */
function putsTo(c: Ctx, s: Stream, text: string, ret: number): number {
  emit(c, s, text, ret);
  return putc(c, s, "\n", ret);
}

/** The arguments a va_list points at (the vprintf family). */
function vaArgs(c: Ctx, ap: number): VaArgs {
  let at = ap;
  return {
    next: (float) => {
      const v = float ? c.mem.readF(at, 8) : c.mem.readWide(at, true);
      at += 8;
      return v;
    },
  };
}

/** va_start: the calling variadic function's extra arguments. */
function vaStart(c: Ctx): number {
  const f = c.t.frames[c.t.frames.length - 1];
  if (f.va === undefined) throw new StopError(`va_start in ${c.p.prog.funcs[f.fn].name}, which has no '...' parameter`);
  return f.va;
}

function printfTo(c: Ctx, fp: number, fmtAddr: number, args: Val[] | VaArgs): number {
  const s = stream(c, fp);
  if (!s) return -1;
  const fmt = str(c, fmtAddr);
  const cuts: number[] = [];
  const text = format(c.mem, fmt, args, (a, max) => strn(c, a, max), cuts);
  // gcc (even at -O0) compiles printf("text\n") and printf("%s\n", s) to puts.
  if (fp === c.p.prog.stdout && Array.isArray(args) && text.length > 1 && (/^[^%]+\n$/.test(fmt) || fmt === "%s\n")) return putsTo(c, s, text.slice(0, -1), text.length);
  // glibc 2.36's vfprintf formats an unbuffered stream's output into a BUFSIZ buffer of its
  // own and puts it into the stream whole, a write a buffer's worth.
  if (s.mode === "unbuffered") {
    for (let at = 0; at < text.length; at += BUFSIZ) emit(c, s, text.slice(at, at + BUFSIZ), text.length);
    return text.length;
  }
  // Buffered, it puts the pieces (the text between conversions, each conversion's result)
  // into the stream one by one: on a line-buffered stream a piece holding a newline flushes
  // through it, so printf("a %d\nb %d\n", 1, 2) writes twice; on either, a piece too big
  // for the room left fills the buffer and is written with it.
  let from = 0;
  for (const to of [...cuts, text.length]) {
    if (to > from) emit(c, s, text.slice(from, to), text.length);
    from = to;
  }
  return text.length;
}

/**
 * dprintf and vdprintf: glibc attaches a FILE of its own to fd, which asks where the file
 * is with lseek(fd, 0, SEEK_CUR) (on a pipe or socket that fails with ESPIPE, and errno is
 * put back as it was); any other failure (EBADF) makes the call return -1 with nothing
 * written. The text then goes out in one write.
 */
function dprintfTo(c: Ctx, fd: number, fmtAddr: number, args: Val[] | VaArgs): number {
  const saved = c.mem.readU(c.t.errnoAddr, 4);
  const r = c.k.lseek(c.t.tid, fd, 0, SEEK_CUR);
  c.m.record(c.p, c.t, "lseek", [fd, 0, SEEK_CUR], r);
  if (isBlocked(r) || (r.errno && r.errno !== "ESPIPE")) return -1;
  c.mem.writeU(c.t.errnoAddr, 4, saved);
  const t = format(c.mem, str(c, fmtAddr), args, (a, max) => strn(c, a, max));
  return queueWrite(c, fd, t, t.length);
}

/** sprintf (size Infinity) and snprintf: at most size-1 characters and a NUL; returns the full length. */
function sprintfTo(c: Ctx, buf: number, size: number, fmtAddr: number, args: Val[] | VaArgs): number {
  const t = format(c.mem, str(c, fmtAddr), args, (a, max) => strn(c, a, max));
  if (size > 0) putString(c, buf, t.slice(0, size - 1), size === Infinity ? "sprintf" : "snprintf");
  return t.length;
}

function parseMode(m: string): number {
  const plus = m.includes("+");
  if (m[0] === "r") return plus ? O_RDWR : O_RDONLY;
  if (m[0] === "w") return (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC;
  if (m[0] === "a") return (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND;
  return -1;
}

function newStream(c: Ctx, fd: number, flags: number): number {
  const fp = heapAlloc(c, 16);
  c.mem.writeU(fp, 4, fd);
  const acc = flags & 3;
  c.p.streams[fp] = { fd, mode: "unset", out: "", in: "", eof: false, err: false, write: acc !== O_RDONLY, read: acc !== O_WRONLY };
  if (flags & O_APPEND) c.p.streams[fp].append = true;
  return fp;
}

/**
 * glibc's _IO_SETBUF once setvbuf or setbuffer has chosen the mode: the bytes still buffered
 * are written, then the caller's buffer becomes the stream's at its size; with no buffer or
 * size 0 the stream is unbuffered, in glibc's one-byte buffer.
 */
function setBuffer(c: Ctx, s: Stream, buf: number, size: number, m: "line" | "full"): number {
  flushStream(c, s);
  const given = buf !== 0 && size > 0;
  s.mode = given ? m : "unbuffered";
  s.size = given ? size : 1;
  s.lineBuf = !given && m === "line" ? true : undefined;
  return 0;
}

/**
 * glibc's perror: "s: message\n" as fprintf's pieces. On a stderr no stdio call has used yet
 * it keeps stderr unused (unoriented) and writes through a stream of its own,
 * fdopen(dup(2), "w+"): dup, then fdopen's fcntl(F_GETFL); "w+" needs a descriptor open for
 * reading and writing (a terminal), so on a pipe or a file opened for writing fdopen fails,
 * the dup is closed and stderr is used after all. strace on a pipe: dup(2) = 3,
 * fcntl(3, F_GETFL), close(3), write(2, ...); on a terminal: write(3, ...), close(3).
 */
function perror(c: Ctx, pre: string): number {
  const msg = strerror(c.mem.readU(c.t.errnoAddr, 4));
  const pieces = pre ? [pre, ": ", msg, "\n"] : [msg, "\n"];
  const err = stream(c, c.p.prog.stderr)!;
  let s = err;
  if (!err.oriented) {
    const r = c.k.dup(c.t.tid, err.fd);
    const fd = sys(c, "dup", [err.fd], r);
    if (typeof fd === "number" && fd >= 0) {
      const fl = sys(c, "fcntl", [fd, F_GETFL], c.k.fcntl(c.t.tid, fd, F_GETFL));
      if (typeof fl === "number" && fl >= 0 && (fl & O_ACCMODE) === O_RDWR) {
        s = { fd, mode: "unset", out: "", in: "", eof: false, err: false, write: true, read: true };
      } else sys(c, "close", [fd], c.k.close(c.t.tid, fd));
    }
  }
  if (s.mode === "unbuffered") emit(c, s, pieces.join(""), 0);
  else for (const p of pieces) emit(c, s, p, 0);
  if (s !== err) {
    // fclose: the buffer's bytes, then the close (after the queued writes).
    flushStream(c, s);
    if (c.t.sys) c.t.sys.closeFd = s.fd;
    else sys(c, "close", [s.fd], c.k.close(c.t.tid, s.fd));
  }
  return 0;
}

const getc = (c: Ctx, fp: number): number | Ctl => {
  const s = stream(c, fp);
  if (!s) return -1;
  while (!s.in.length) {
    if (s.eof) return -1;
    const f = fill(c, s);
    if (typeof f !== "boolean") return f;
    if (!f) return -1;
  }
  const ch = s.in.charCodeAt(0);
  s.in = s.in.slice(1);
  return ch;
};

function storeScanned(c: Ctx, stores: ScanStore[]): void {
  for (const st of stores) {
    if (typeof st.value === "string") putString(c, st.addr, st.value, "scanf", st.nul ?? false);
    else if (st.size === 8) c.mem.write64(st.addr, st.value);
    else c.mem.writeU(st.addr, st.size, typeof st.value === "number" ? st.value : Number(BigInt.asUintN(32, st.value)));
  }
}

/** fscanf: scan the stream's buffer, reading more (one read(2) at a time) while the format
 *  needs it; the input it used leaves the buffer, the rest stays for the next call. */
function scanStream(c: Ctx, fp: number, fmtAddr: number, args: number[]): number | Ctl {
  const s = stream(c, fp);
  if (!s) return -1;
  const fmt = str(c, fmtAddr);
  for (;;) {
    const r = scan(s.in, s.eof || s.err, fmt, args);
    if ("more" in r) {
      const f = fill(c, s);
      if (typeof f !== "boolean") return f;
      continue;
    }
    s.in = s.in.slice(r.used);
    storeScanned(c, r.stores);
    return r.ret;
  }
}

/** glibc's first buffer for getline when *lineptr is NULL; it doubles as a line needs more. */
const GETLINE_FIRST = 120;

/** getdelim(3) (getline with '\n'): the next line up to and including `delim`, or to end of
 *  file, in *lineptr, grown with realloc as glibc grows it (*n bytes); its length, or -1 at
 *  end of file with nothing read. The whole line is read before any memory changes, so a
 *  call that blocks for more input starts over with nothing done. */
function getdelim(c: Ctx, lineptr: number, np: number, delim: number, fp: number): number | Ctl {
  const s = stream(c, fp);
  if (!s || !lineptr || !np) return (setErrno(c, "EINVAL"), -1);
  const ch = String.fromCharCode(delim);
  while (!s.in.includes(ch) && !s.eof) {
    const f = fill(c, s);
    if (typeof f !== "boolean") return f;
    if (!f) break;
  }
  const at = s.in.indexOf(ch);
  const len = at >= 0 ? at + 1 : s.in.length;
  if (len === 0) return -1;
  let buf = c.mem.read64(lineptr, false);
  let size = c.mem.read64(np, false);
  const grow = (to: number): boolean => {
    const grown = heapRealloc(c, buf, to);
    if (!grown) return false;
    [buf, size] = [grown, to];
    c.mem.write64(lineptr, buf);
    c.mem.write64(np, size);
    return true;
  };
  if ((!buf || !size) && !grow(GETLINE_FIRST)) return -1;
  if (len + 1 > size && !grow(Math.max(len + 1, 2 * size))) return -1;
  putString(c, buf, s.in.slice(0, len), "getline");
  s.in = s.in.slice(len);
  return len;
}

export const stdio: Builtin[] = [
  {
    name: "sscanf", fn: (c, a) => {
      const r = scan(str(c, a[0]), true, str(c, a[1]), a.slice(2));
      if ("more" in r) return -1;
      storeScanned(c, r.stores);
      return r.ret;
    },
  },
  { name: "scanf", fn: (c, a) => scanStream(c, c.p.prog.stdin, a[0], a.slice(1)) },
  { name: "fscanf", fn: (c, a) => scanStream(c, a[0], a[1], a.slice(2)) },
  { name: "printf", fn: (c, a) => printfTo(c, c.p.prog.stdout, a[0], (c.wide ?? a).slice(1)) },
  { name: "fprintf", fn: (c, a) => printfTo(c, a[0], a[1], (c.wide ?? a).slice(2)) },
  { name: "dprintf", fn: (c, a) => dprintfTo(c, a[0], a[1], (c.wide ?? a).slice(2)) },
  { name: "sprintf", fn: (c, a) => sprintfTo(c, a[0], Infinity, a[1], (c.wide ?? a).slice(2)) },
  { name: "snprintf", fn: (c, a) => sprintfTo(c, a[0], a[1], a[2], (c.wide ?? a).slice(3)) },
  { name: "__va_start", fn: vaStart },
  { name: "vprintf", fn: (c, a) => printfTo(c, c.p.prog.stdout, a[0], vaArgs(c, a[1])) },
  { name: "vfprintf", fn: (c, a) => printfTo(c, a[0], a[1], vaArgs(c, a[2])) },
  { name: "vdprintf", fn: (c, a) => dprintfTo(c, a[0], a[1], vaArgs(c, a[2])) },
  { name: "vsprintf", fn: (c, a) => sprintfTo(c, a[0], Infinity, a[1], vaArgs(c, a[2])) },
  { name: "vsnprintf", fn: (c, a) => sprintfTo(c, a[0], a[1], a[2], vaArgs(c, a[3])) },
  { name: "puts", fn: (c, a) => putsTo(c, stream(c, c.p.prog.stdout)!, str(c, a[0]), 1) },
  { name: "fputs", fn: (c, a) => { const s = stream(c, a[1]); return s ? emit(c, s, str(c, a[0]), 1) : -1; } },
  { name: "putchar", fn: (c, a) => putc(c, stream(c, c.p.prog.stdout)!, String.fromCharCode(a[0] & 0xff), a[0] & 0xff) },
  { name: "fputc", fn: (c, a) => { const s = stream(c, a[1]); return s ? putc(c, s, String.fromCharCode(a[0] & 0xff), a[0] & 0xff) : -1; } },
  { name: "putc", fn: (c, a) => { const s = stream(c, a[1]); return s ? putc(c, s, String.fromCharCode(a[0] & 0xff), a[0] & 0xff) : -1; } },
  { name: "getchar", fn: (c) => getc(c, c.p.prog.stdin) },
  { name: "fgetc", fn: (c, a) => getc(c, a[0]) },
  { name: "getc", fn: (c, a) => getc(c, a[0]) },
  {
    name: "fgets", fn: (c, a) => {
      const [buf, size, fp] = a;
      const s = stream(c, fp);
      if (!s || size <= 0) return 0;
      for (;;) {
        const nl = s.in.indexOf("\n");
        if ((nl >= 0 && nl < size - 1) || s.in.length >= size - 1 || s.eof) {
          const n = Math.min(nl >= 0 ? nl + 1 : s.in.length, size - 1);
          if (n === 0) return 0;
          putString(c, buf, s.in.slice(0, n), "fgets");
          s.in = s.in.slice(n);
          return buf;
        }
        const f = fill(c, s);
        if (typeof f !== "boolean") return f;
        if (!f && !s.in.length) return 0;
      }
    },
  },
  { name: "getline", fn: (c, a) => getdelim(c, a[0], a[1], 10, a[2]) },
  { name: "getdelim", fn: (c, a) => getdelim(c, a[0], a[1], a[2] & 0xff, a[3]) },
  {
    name: "fread", fn: (c, a) => {
      const [ptr, size, nmemb, fp] = a;
      const s = stream(c, fp);
      const want = size * nmemb;
      if (!s || want === 0) return 0;
      const block = allocate(c, s); // as glibc's first use of a stream does
      while (s.in.length < want && !s.eof) {
        // glibc's _IO_file_xsgetn: while what is still wanted is less than a buffer, fill the
        // buffer (the underflow that first flushes a line-buffered stdout); a buffer's worth or
        // more is read straight into the caller's memory, in whole blocks of the buffer's
        // size, with no underflow: a prompt stays in stdout's buffer.
        const rest = want - s.in.length;
        const f = rest < block ? fill(c, s) : readInto(c, s, block >= SMALL_BUFFER ? rest - (rest % block) : rest);
        if (typeof f !== "boolean") return f;
        if (!f) break;
      }
      const n = Math.min(want, s.in.length);
      const items = Math.floor(n / size);
      span(c, ptr, items * size, "fread writes");
      c.mem.writeBytes(ptr, latin1Bytes(s.in.slice(0, items * size)));
      s.in = s.in.slice(items * size);
      return items;
    },
  },
  {
    name: "fwrite", fn: (c, a) => {
      const [ptr, size, nmemb, fp] = a;
      const s = stream(c, fp);
      if (!s) return 0;
      const r = emit(c, s, latin1Text(c.mem.readBytes(ptr, size * nmemb)), nmemb);
      // A failed write: glibc's fwrite then counts no item written.
      if (c.t.sys) c.t.sys.failRet = 0;
      return r;
    },
  },
  {
    name: "fflush", fn: (c, a) => {
      if (a[0] === 0) flushAll(c);
      else { const s = stream(c, a[0]); if (!s) return -1; flushStream(c, s); }
      if (c.t.sys) c.t.sys.ret = 0;
      return 0;
    },
  },
  { name: "fileno", fn: (c, a) => stream(c, a[0])?.fd ?? -1 },
  {
    // glibc's setvbuf: with no buffer of the caller's the size is ignored, _IOFBF allocating
    // the st_blksize buffer now and _IOLBF leaving it to the first use; otherwise the
    // caller's buffer at its size (none, or size 0: unbuffered, and with _IOLBF line
    // buffered as well, setBuffer's lineBuf). Another mode: EOF.
    name: "setvbuf", fn: (c, a) => {
      const [fp, buf, how, size] = a;
      const s = stream(c, fp);
      if (!s) return -1;
      if (how === _IOFBF && !buf) { s.mode = "full"; s.lineBuf = undefined; allocate(c, s); return 0; }
      if (how === _IOLBF && !buf) { s.mode = "line"; s.lineBuf = undefined; return 0; }
      if (how === _IOFBF || how === _IOLBF) return setBuffer(c, s, buf, size, how === _IOFBF ? "full" : "line");
      if (how === _IONBF) return setBuffer(c, s, 0, 0, "full");
      return -1;
    },
  },
  // setbuf and setbuffer: the caller's buffer (setbuf's of BUFSIZ), fully buffered; none: unbuffered.
  { name: "setbuf", fn: (c, a) => { const s = stream(c, a[0]); if (s) setBuffer(c, s, a[1], BUFSIZ, "full"); return 0; } },
  { name: "setbuffer", fn: (c, a) => { const s = stream(c, a[0]); if (s) setBuffer(c, s, a[1], a[2], "full"); return 0; } },
  { name: "setlinebuf", fn: (c, a) => { const s = stream(c, a[0]); if (s) { s.mode = "line"; s.lineBuf = undefined; } return 0; } },
  { name: "perror", fn: (c, a) => perror(c, a[0] ? str(c, a[0]) : "") },
  { name: "feof", fn: (c, a) => (stream(c, a[0])?.eof && !stream(c, a[0])?.in.length ? 1 : 0) },
  { name: "ferror", fn: (c, a) => (stream(c, a[0])?.err ? 1 : 0) },
  {
    name: "fopen", fn: (c, a) => {
      const path = str(c, a[0]);
      const flags = parseMode(str(c, a[1]));
      if (flags < 0) { setErrno(c, "EINVAL"); return 0; }
      c.m.seed(path);
      const r = c.k.open(c.t.tid, path, flags, 0o666);
      const v = sys(c, "open", [path, flags], r);
      if (v === BLOCKED || typeof v !== "number") return v;
      if (v < 0) return 0;
      // glibc's _IO_file_open: a stream that only appends starts at the end of the file
      // (ftell before the first write says so); "a+" does not.
      if ((flags & O_APPEND) && (flags & O_ACCMODE) === O_WRONLY) sys(c, "lseek", [v, 0, SEEK_END], c.k.lseek(c.t.tid, v, 0, SEEK_END));
      return newStream(c, v, flags);
    },
  },
  {
    // glibc's fdopen first asks the descriptor's flags: fcntl(fd, F_GETFL); NULL if it is not open.
    name: "fdopen", fn: (c, a) => {
      const v = sys(c, "fcntl", [a[0], F_GETFL], c.k.fcntl(c.t.tid, a[0], F_GETFL), () => newStream(c, a[0], parseMode(str(c, a[1]))));
      return v === -1 ? 0 : v;
    },
  },
  // popen's own FILE over its pipe end: glibc's popen makes it without fdopen's fcntl.
  { name: "__forklab_popen_file", fn: (c, a) => newStream(c, a[0], parseMode(str(c, a[1]))) },
  {
    name: "fclose", fn: (c, a) => {
      const s = stream(c, a[0]);
      if (!s) return -1;
      flushStream(c, s);
      delete c.p.streams[a[0]];
      heapFree(c, a[0]);
      // The close comes after the buffered bytes are written.
      if (c.t.sys) { c.t.sys.closeFd = s.fd; c.t.sys.ret = 0; return 0; }
      return sys(c, "close", [s.fd], c.k.close(c.t.tid, s.fd), () => 0);
    },
  },
];
