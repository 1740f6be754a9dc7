// Attribute objects: pthread_attr_t (a thread made detached, its stack size) and
// pthread_mutexattr_t (a mutex's type). Each lives in the caller's memory, where glibc
// keeps it, so fork copies it and a pthread_attr_init'd object reads back what was set.
import { Builtin, Ctx } from "../ctl";
import { ERRNO } from "../../kernel/kernel";
import { PTHREAD_CREATE_DETACHED } from "../constants";

/** sizeof(pthread_attr_t) on x86-64; where our detach state and stack size live in it. */
const ATTR_SIZE = 56;
const ATTR_DETACH = 8;
const ATTR_STACK = 16;
/** glibc's default thread stack (ulimit -s 8192) and PTHREAD_STACK_MIN. */
const DEFAULT_STACK = 8 << 20;
const STACK_MIN = 16384;
/** PTHREAD_MUTEX_DEFAULT is normal (0); kinds above error-checking (adaptive) are glibc's own. */
const MUTEX_ADAPTIVE = 3;

/** Whether pthread_create with this attribute makes a detached thread. */
export function createsDetached(c: Ctx, attr: number): boolean {
  return c.mem.readU(attr + ATTR_DETACH, 4) === PTHREAD_CREATE_DETACHED;
}

function setInt(c: Ctx, at: number, v: number, ok: boolean): number {
  if (!ok) return ERRNO.EINVAL;
  c.mem.writeU(at, 4, v);
  return 0;
}

export const attrs: Builtin[] = [
  { name: "pthread_attr_init", fn: (c, a) => { c.mem.fill(a[0], 0, ATTR_SIZE); c.mem.write64(a[0] + ATTR_STACK, DEFAULT_STACK); return 0; } },
  { name: "pthread_attr_destroy", fn: () => 0 },
  { name: "pthread_attr_setdetachstate", fn: (c, a) => setInt(c, a[0] + ATTR_DETACH, a[1], a[1] === 0 || a[1] === PTHREAD_CREATE_DETACHED) },
  { name: "pthread_attr_getdetachstate", fn: (c, a) => { c.mem.writeU(a[1], 4, c.mem.readU(a[0] + ATTR_DETACH, 4)); return 0; } },
  {
    name: "pthread_attr_setstacksize", fn: (c, a) => {
      if (a[1] < STACK_MIN) return ERRNO.EINVAL;
      c.mem.write64(a[0] + ATTR_STACK, a[1]);
      return 0;
    },
  },
  { name: "pthread_attr_getstacksize", fn: (c, a) => { c.mem.write64(a[1], c.mem.read64(a[0] + ATTR_STACK, false)); return 0; } },
  { name: "pthread_mutexattr_init", fn: (c, a) => { c.mem.writeU(a[0], 4, 0); return 0; } },
  { name: "pthread_mutexattr_destroy", fn: () => 0 },
  { name: "pthread_mutexattr_settype", fn: (c, a) => setInt(c, a[0], a[1], a[1] >= 0 && a[1] <= MUTEX_ADAPTIVE) },
  { name: "pthread_mutexattr_gettype", fn: (c, a) => { c.mem.writeU(a[1], 4, c.mem.readU(a[0], 4)); return 0; } },
];
