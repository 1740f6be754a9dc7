// The hover on a variable's name: its value in every live process, each process's own copy,
// looked up from the innermost frame out, then the globals.
import { strict as assert } from "node:assert";
import { stepper } from "../session/helpers";
import { variableInProcesses } from "../../../src/coach/variables";
import type { Snapshot } from "../../../src/contract/snapshot";

describe("a variable in every live process (the editor's hover)", function () {
  this.timeout(30000);

  it("fork-returns.c after the child's x = x + 1: x is 2 in the child and 1 in the parent; pid is 0 in the child", async () => {
    const st = await stepper("fork-returns.c");
    st.until((s) => s.processes.filter((p) => p.kind === "program").length === 2);
    const child = st.current.processes.find((p) => p.kind === "program" && p.pid !== st.mainPid)!;
    st.until((s) => s.processes.find((p) => p.pid === child.pid)?.frames?.at(-1)?.locals.find((v) => v.name === "x")?.value === "2", 20);
    const x = variableInProcesses(st.current, "x", st.mainPid);
    assert.deepEqual(x.map((v) => [v.pid, v.role, v.scope, v.type, v.value]), [[st.mainPid, "parent", "main", "int", "1"], [child.pid, "child", "main", "int", "2"]]);
    assert.deepEqual(variableInProcesses(st.current, "pid", st.mainPid).map((v) => v.value), [String(child.pid), "0"]);
    assert.deepEqual(variableInProcesses(st.current, "nothing", st.mainPid), []);
  });

  it("the innermost frame's local hides a global of the same name; zombies and clients have none", () => {
    const proc = (pid: number, state: "ready" | "zombie", frames: Array<{ function: string; x?: string }>) => ({
      pid, ppid: 1, pgid: pid, name: "p", kind: "program" as const, state, fds: [], cloexec: [],
      signals: { pending: [], blocked: [], handlers: {}, lost: [] }, stdio: { stdout: { mode: "line" as const, buffered: "" } },
      frames: frames.map((f) => ({ function: f.function, line: 1, locals: f.x === undefined ? [] : [{ name: "n", type: "int", value: f.x }] })),
      globals: [{ name: "n", type: "long", value: "9" }],
    });
    const snap = { version: 1, step: 0, processes: [
      proc(10, "ready", [{ function: "main", x: "1" }, { function: "helper", x: "2" }, { function: "leaf" }]),
      proc(11, "ready", [{ function: "main" }]),
      proc(12, "zombie", [{ function: "main", x: "5" }]),
    ], files: [], objects: [], events: [], output: [] } as unknown as Snapshot;
    assert.deepEqual(variableInProcesses(snap, "n", 10).map((v) => [v.pid, v.scope, v.value]), [[10, "helper", "2"], [11, "global", "9"]]);
  });
});
