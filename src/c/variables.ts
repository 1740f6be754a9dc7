// A process's variables for views: its call stack (each user function's frame with the
// locals in scope at the frame's place, innermost last) and the program's globals, read
// from this process's own memory, so after fork each process shows its own copy.
import type { Machine } from "./vm";
import type { UserProc } from "./uproc";
import { NOT_SET, ValueContext, formatValue } from "./cvalue";
import { TEXT_BASE } from "./memory";
import { typeName } from "./types";
import { blockSize } from "./heapcheck";

export interface CVar { name: string; type: string; value: string }

export { NOT_SET };
export interface CFrame { function: string; line: number; locals: CVar[] }

/** What the formatter may ask about a process: its functions, heap blocks, shared pages,
 *  and which bytes of its locals declared without a value were written. */
function contextOf(p: UserProc): ValueContext {
  const s = p.mem.shadow;
  return {
    unwritten: s && ((a, n) => s.unwritten(a, n)),
    writtenPrefix: s && ((a, n) => s.writtenPrefix(a, n)),
    mem: p.mem,
    funcAt: (a) => {
      const i = (a - TEXT_BASE) / 16;
      return Number.isInteger(i) && i >= 0 ? p.prog.funcs[i]?.name : undefined;
    },
    // The size the program asked for (malloc(16) is 16 bytes), not the allocator's rounded
    // block with its red zone, which is the model's business.
    heapBlock: (a) => blockSize(p.heap, a),
    freedBlock: (a) => { const d = p.heap.dead[a]; return d ? { size: d[0], line: d[2] } : undefined; },
    shared: (a) => p.mem.isShared(a),
  };
}

/** The frames of the process's main thread in user code, outermost first. */
export function stackOf(m: Machine, p: UserProc): CFrame[] {
  const t = p.threads.find((x) => x.tid === p.pid) ?? p.threads[0];
  if (!t) return [];
  const ctx = contextOf(p);
  const out: CFrame[] = [];
  for (const f of t.frames) {
    const fn = p.prog.funcs[f.fn];
    if (!fn.user) continue;
    const ins = fn.code[Math.min(f.pc, fn.code.length - 1)];
    const locals: CVar[] = [];
    for (const v of fn.vars ?? []) {
      if (f.pc < v.from || f.pc >= v.to) continue;
      const addr = v.addr ?? f.fp + (v.off ?? 0);
      // A scalar declared without a value and not written yet: indeterminate in C, not 0
      // (the others' bytes are tracked in the memory's shadow, which the formatter asks).
      const unset = v.unset !== undefined && ((f.init ?? 0) & (1 << v.unset)) === 0;
      locals.push({ name: v.name, type: typeName(v.type), value: unset ? NOT_SET : formatValue(ctx, v.type, addr) });
    }
    out.push({ function: fn.name, line: ins ? ins.line : fn.line, locals });
  }
  // The innermost frame's line is the thread's current line (as the stepper reports it).
  if (out.length) out[out.length - 1].line = m.userLine(p, t);
  return out;
}

/** The program's globals in this process. */
export function globalsOf(p: UserProc): CVar[] {
  const ctx = contextOf(p);
  return (p.prog.globals ?? []).map((g) => ({ name: g.name, type: typeName(g.type), value: formatValue(ctx, g.type, g.addr) }));
}
