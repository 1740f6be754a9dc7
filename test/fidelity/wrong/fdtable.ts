// A deliberately wrong descriptor allocator, for the test that the fidelity harness catches a
// model that is not Linux: it never reuses a number below the highest in use. bundle.ts
// builds the model with this file in place of src/kernel/fdtable.ts; the kernel itself has
// no such mode.
import { fdalloc as lowestFree } from "../../../src/kernel/fdtable";
import type { KFile, KProc, KState } from "../../../src/kernel/kstate";

export * from "../../../src/kernel/fdtable";

export function fdalloc(k: KState, p: KProc, f: KFile, from = 0, cloexec = false): number {
  return lowestFree(k, p, f, Math.max(from, p.fds.length), cloexec);
}
