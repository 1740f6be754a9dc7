// Identity, limits, clocks and anonymous memory maps: <unistd.h>'s getuid family,
// <sys/resource.h>, <time.h>/<sys/time.h> and <sys/mman.h>. Time is the model's logical
// clock; MAP_SHARED|MAP_ANONYMOUS memory is a kernel shm segment removed at once (it lives
// while mapped), so fork shares it as Linux does.
import { isBlocked, SysResult, IPC_PRIVATE, IPC_CREAT, IPC_RMID, UID } from "../../kernel/kernel";
import { Builtin, Ctl, Ctx } from "../ctl";
import { heapAlloc, heapFree, setErrno, sys } from "./sys";
import { realtimeMs } from "./time";

const MAP_SHARED = 1;
const MAP_ANONYMOUS = 0x20;
const MAP_FAILED = -1;

const ret = (r: SysResult): number => (isBlocked(r) ? -1 : r.ret);

function mmap(c: Ctx, a: number[]): number | Ctl {
  const [, len, , flags] = a;
  if (!(flags & MAP_ANONYMOUS)) {
    c.m.note(c.p, c.m.userLine(c.p, c.t), "mmap of a file is not modelled (only MAP_ANONYMOUS memory): mmap fails here (EINVAL)");
    return sys(c, "mmap", [len, flags], { ret: MAP_FAILED, errno: "EINVAL" });
  }
  if (len <= 0) return sys(c, "mmap", [len, flags], { ret: MAP_FAILED, errno: "EINVAL" });
  if (!(flags & MAP_SHARED)) {
    const addr = heapAlloc(c, len, true);
    return sys(c, "mmap", [len, flags], addr ? { ret: addr } : { ret: MAP_FAILED, errno: "ENOMEM" });
  }
  const id = ret(c.k.shmget(c.t.tid, IPC_PRIVATE, len, IPC_CREAT | 0o600));
  const at = id < 0 ? undefined : c.k.shmat(c.t.tid, id, 0);
  if (!at || isBlocked(at) || at.ret < 0 || !at.segment) return sys(c, "mmap", [len, flags], { ret: MAP_FAILED, errno: "ENOMEM" });
  c.k.shmctl(c.t.tid, id, IPC_RMID);
  c.mem.mapShared(at.ret, at.segment, "shared memory (mmap)");
  return sys(c, "mmap", [len, flags], { ret: at.ret });
}

function munmap(c: Ctx, addr: number, len: number): number | Ctl {
  if (heapFree(c, addr)) return sys(c, "munmap", [len], { ret: 0 });
  const r = c.k.shmdt(c.t.tid, addr);
  if (ret(r) === 0) c.mem.unmap(addr);
  return sys(c, "munmap", [len], ret(r) === 0 ? { ret: 0 } : { ret: -1, errno: "EINVAL" });
}

/** Write a clock (ms) as a struct timespec or timeval (`sub` units per second): the wall
 *  clock (the logical clock from REALTIME_BASE), or CLOCK_MONOTONIC's logical time. */
function writeTime(c: Ctx, addr: number, sub: number, monotonic = false): void {
  const ms = monotonic ? c.k.now() : realtimeMs(c);
  c.mem.write64(addr, Math.floor(ms / 1000));
  c.mem.write64(addr + 8, (ms % 1000) * (sub / 1000));
}

/** clock_gettime's clocks by Linux's ids: those that read the wall clock, and those that read
 *  the logical time from 0 (the CPU-time clocks too: the model keeps no CPU time, so a
 *  process is taken to have run all along). Any other id (10, 12...) is EINVAL. */
const WALL_CLOCKS = new Set([0, 5, 8, 11]);
const LOGICAL_CLOCKS = new Set([1, 2, 3, 4, 6, 7, 9]);

/** A negative id is a CPU-time clock as clock_getcpuclockid makes it: ~pid << 3, bit 2 for a
 *  thread, then the kind (0 to 2; 3 is no clock). The model knows the caller's own (pid 0). */
const ownCpuClock = (clk: number): boolean => clk < 0 && (clk & 3) !== 3 && ~(clk >> 3) === 0;
/** CLOCK_REALTIME_COARSE and CLOCK_MONOTONIC_COARSE tick once a jiffy: 4 ms at Debian's 250 Hz. */
const COARSE_CLOCKS = new Set([5, 6]);

function validClock(c: Ctx, clk: number): boolean {
  if (WALL_CLOCKS.has(clk) || LOGICAL_CLOCKS.has(clk) || ownCpuClock(clk)) return true;
  setErrno(c, "EINVAL");
  return false;
}

function clockGettime(c: Ctx, clk: number, ts: number): number {
  if (!validClock(c, clk)) return -1;
  writeTime(c, ts, 1e9, !WALL_CLOCKS.has(clk));
  return 0;
}

/** clock_getres: a nanosecond, or a jiffy for the coarse clocks (res may be NULL). */
function clockGetres(c: Ctx, clk: number, res: number): number {
  if (!validClock(c, clk)) return -1;
  if (res) {
    c.mem.write64(res, 0);
    c.mem.write64(res + 8, COARSE_CLOCKS.has(clk) ? 4000000 : 1);
  }
  return 0;
}

export const posix: Builtin[] = [
  { name: "getuid", fn: () => UID },
  { name: "geteuid", fn: () => UID },
  { name: "getgid", fn: () => UID },
  { name: "getegid", fn: () => UID },
  { name: "setuid", fn: (c, a) => (a[0] === UID ? 0 : (setErrno(c, "EPERM"), -1)) },
  { name: "setgid", fn: (c, a) => (a[0] === UID ? 0 : (setErrno(c, "EPERM"), -1)) },
  { name: "setrlimit", fn: (c, a) => sys(c, "setrlimit", [a[0]], c.k.setrlimit(c.t.tid, a[0], c.mem.read64(a[1], false))) },
  { name: "clock_gettime", fn: (c, a) => clockGettime(c, a[0], a[1]) },
  { name: "clock_getres", fn: (c, a) => clockGetres(c, a[0], a[1]) },
  { name: "gettimeofday", fn: (c, a) => { if (a[0]) writeTime(c, a[0], 1e6); return 0; } },
  {
    name: "nanosleep", fn: (c, a) => {
      const us = c.mem.read64(a[0], true) * 1e6 + Math.floor(c.mem.read64(a[0] + 8, true) / 1000);
      return sys(c, "nanosleep", [us], c.k.usleep(c.t.tid, us));
    },
  },
  { name: "mmap", fn: mmap },
  { name: "munmap", fn: (c, a) => munmap(c, a[0], a[1]) },
];
