// A variable's value in every live process, for the editor's hover on its name: after
// fork each process has its own copy, so the hover lists one value per process. The
// name is looked up as C scopes it from where each process is: the innermost frame of
// its call stack that has a local of that name, else the program's global.
import type { Snapshot } from "../contract/snapshot";
import { roleOf } from "./lenses";

export interface VariableInProcess {
  pid: number;
  /** "parent", "child", ... (as the code lenses say). */
  role: string;
  /** The function whose frame holds it ("main"), or "global". */
  scope: string;
  type: string;
  value: string;
}

/** `name`'s value in each live program process that can see one. */
export function variableInProcesses(snap: Snapshot, name: string, mainPid: number): VariableInProcess[] {
  const out: VariableInProcess[] = [];
  for (const p of snap.processes) {
    if (p.kind !== "program" || p.state === "zombie") continue;
    const frames = p.frames ?? [];
    let found: { scope: string; type: string; value: string } | undefined;
    for (let i = frames.length - 1; i >= 0 && !found; i--) {
      const v = frames[i].locals.find((x) => x.name === name);
      if (v) found = { scope: frames[i].function, type: v.type, value: v.value };
    }
    const g = found ? undefined : p.globals?.find((x) => x.name === name);
    if (g) found = { scope: "global", type: g.type, value: g.value };
    if (found) out.push({ pid: p.pid, role: roleOf(snap, p, mainPid), ...found });
  }
  return out;
}
