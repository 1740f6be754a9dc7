// Spin locks (pthread_spin_*). A spinning thread would only burn steps in the model, so a
// thread that finds the lock held waits as for a mutex (threads.ts) and takes it once free;
// what it sees is the same. Its owner taking it again spins for ever, as on Linux.
import { Builtin, BLOCKED, Ctx } from "../ctl";
import { libWait } from "./threads";

const EBUSY = 16;

function take(c: Ctx, l: number): 0 {
  c.p.mutexes[l] = c.t.tid;
  c.mem.writeU(l, 4, 1);
  return 0;
}

function spinLock(c: Ctx, l: number): number | typeof BLOCKED {
  c.t.wait = undefined;
  const owner = c.p.mutexes[l];
  return owner ? libWait(c, "mutex", l, `pthread_spin_lock (held by thread ${owner})`) : take(c, l);
}

export const spinlocks: Builtin[] = [
  { name: "pthread_spin_init", fn: (c, a) => { delete c.p.mutexes[a[0]]; c.mem.writeU(a[0], 4, 0); return 0; } },
  { name: "pthread_spin_destroy", fn: () => 0 },
  { name: "pthread_spin_lock", fn: (c, a) => spinLock(c, a[0]) },
  { name: "pthread_spin_trylock", fn: (c, a) => (c.p.mutexes[a[0]] ? EBUSY : take(c, a[0])) },
  { name: "pthread_spin_unlock", fn: (c, a) => { delete c.p.mutexes[a[0]]; c.mem.writeU(a[0], 4, 0); return 0; } },
];
