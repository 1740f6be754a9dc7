// Thread-local storage (__thread, thread_local): each thread has its own copy of every
// thread-local variable. The main thread's copies are the variables' places in static memory
// (the views show those); a thread pthread_create makes gets a block at the top of its stack,
// below its errno, filled with the initial values from the program's image (not the main
// thread's values now), as glibc's TLS initialisation copies the .tdata image. A forked child
// keeps the block of the thread that forked (it is in the copied stack).
import type { UserProc } from "./uproc";

/** The block for a new thread whose stack tops out at `top`: its address (the thread's
 *  stack starts below it), or undefined when the program has no thread-local variables. */
export function threadBlock(p: UserProc, top: number): number | undefined {
  const tls = p.prog.tls;
  if (!tls) return undefined;
  const base = Math.floor((top - tls.size) / 16) * 16;
  for (const v of tls.vars) p.mem.writeBytes(base + v.off, p.prog.image.readBytes(v.addr, v.size));
  return base;
}
