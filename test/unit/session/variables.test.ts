// Each process's variables in its Snapshot row: the call stack with the locals in scope,
// the globals, this process's own copy (after fork the child's x is its own), and the
// changes of a step only in the process that ran it.
import { strict as assert } from "node:assert";
import { stepper } from "./helpers";
import { compile } from "../c/helpers";
import { Stepper } from "../../../src/session/stepper";
import type { Proc } from "../../../src/contract/snapshot";
import { snapshotProblem } from "../../../src/contract/validate";

const local = (p: Proc | undefined, name: string): string | undefined =>
  p?.frames?.at(-1)?.locals.find((v) => v.name === name)?.value;

describe("variables in the Snapshot", function () {
  this.timeout(30000);

  it("fork-returns.c just after fork: pid is 0 in the child and the child's pid in the parent; each x is its own", async () => {
    const st = await stepper("fork-returns.c");
    // Just after fork the child is still inside the call (pid is not assigned there yet); its
    // first step returns 0 into its own pid.
    st.until((s) => s.processes.filter((p) => p.kind === "program").length === 2);
    const kids = st.current.processes.filter((p) => p.kind === "program");
    assert.equal(local(kids[1], "pid"), undefined, "the child has not returned from fork yet");
    st.step(kids[1].pid);
    const [parent, child] = st.current.processes.filter((p) => p.kind === "program");
    assert.equal(local(parent, "pid"), String(child.pid));
    assert.equal(local(child, "pid"), "0");
    assert.equal(local(parent, "x"), "1");
    assert.equal(local(child, "x"), "1");
    assert.deepEqual(parent.frames?.map((f) => f.function), ["main"]);
    assert.equal(parent.frames?.[0].locals.find((v) => v.name === "pid")?.type, "pid_t", "as the program declares it");
    // The child adds one to its x; the parent's stays 1.
    st.until((s) => local(s.processes.find((p) => p.pid === child.pid), "x") === "2", 20);
    assert.equal(local(st.current.processes.find((p) => p.pid === parent.pid), "x"), "1");
    assert.equal(snapshotProblem(st.current), undefined, "the Snapshot with variables is valid");
  });

  it("shm.c: the child's write to the shared int shows on both cards, through each one's pointer; its global only on its own", async () => {
    const st = await stepper("shm.c");
    st.until((s) => s.processes.filter((p) => p.kind === "program").length === 2);
    const [parent, child] = st.current.processes.filter((p) => p.kind === "program").map((p) => p.pid);
    const at = (pid: number) => st.current.processes.find((p) => p.pid === pid);
    assert.match(local(at(parent), "shared") ?? "", /^0x[0-9a-f]+ \(shared\) \u2192 1$/);
    st.until((s) => (local(s.processes.find((p) => p.pid === child), "shared") ?? "").endsWith("\u2192 2"), 40);
    assert.match(local(at(parent), "shared") ?? "", /\(shared\) \u2192 2$/, "the parent's card shows the child's write");
    const global = (pid: number) => at(pid)?.globals?.find((v) => v.name === "global")?.value;
    assert.deepEqual([global(parent), global(child)], ["1", "2"], "each process's own global");
  });

  it("shows the call stack innermost last with each frame's line and locals, and the globals", async () => {
    const src = `#include <stdio.h>
int counter = 5;
char name[8] = "fork";
int square(int v) {
  int r = v * v;
  return r;
}
int main(void) {
  int a = 3;
  int b = square(a);
  counter += b;
  return 0;
}
`;
    const { program } = await compile(src, "calls.c");
    const st = new Stepper({ program, name: "calls", scenario: {} });
    st.until((s) => s.processes[1]?.frames?.length === 2 && local(s.processes[1], "r") !== undefined, 50);
    const p = st.current.processes.find((x) => x.kind === "program")!;
    assert.deepEqual(p.frames?.map((f) => [f.function, f.line]), [["main", 10], ["square", 6]]);
    assert.deepEqual(p.frames?.[1].locals, [{ name: "v", type: "int", value: "3" }, { name: "r", type: "int", value: "9" }]);
    assert.deepEqual(p.frames?.[0].locals.map((v) => v.name), ["a"], "b is not in scope until its initializer ran");
    assert.deepEqual(p.globals, [{ name: "counter", type: "int", value: "5" }, { name: "name", type: "char[8]", value: "\"fork\"" }]);
    st.continue(50);
    const alive = st.history.filter((s) => s.processes.some((x) => x.kind === "program" && x.state !== "zombie"));
    assert.equal(alive[alive.length - 1].processes.find((x) => x.kind === "program")?.globals?.[0].value, "14");
  });

  it("a pointer to a heap block says the size malloc was asked for, not the allocator's rounded block", async () => {
    const src = `#include <stdlib.h>
int main(void) {
  int *a = malloc(4 * sizeof(int));
  char *b = malloc(1);
  int *c = calloc(3, sizeof(int));
  char *d = malloc(100);
  free(a);
  return 0;
}
`;
    const { program } = await compile(src, "sizes.c");
    const st = new Stepper({ program, name: "sizes", scenario: {} });
    st.until((s) => s.processes[1]?.line === 7, 50);
    const p = st.current.processes.find((x) => x.kind === "program");
    const block = (name: string) => / heap block of (\d+) bytes/.exec(local(p, name) ?? "")?.[1];
    assert.deepEqual(["a", "b", "c", "d"].map(block), ["16", "1", "12", "100"]);
    // free(a) leaves a as it was; what it points at is no longer the program's.
    st.step();
    const after = st.current.processes.find((x) => x.kind === "program");
    assert.match(local(after, "a") ?? "", /^0x[0-9a-f]+ \u2192 heap block freed at line 7 \(dangling\)$/);
    assert.equal(local(after, "a")?.split(" ")[0], local(p, "a")?.split(" ")[0], "the same address");
  });

  it("a variable's type is spelled as the program wrote it: pid_t, ssize_t, size_t, a typedef's name", async () => {
    const src = `#include <stdint.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>
typedef struct { int a; } box;
typedef struct node { int v; } node_t;
volatile sig_atomic_t got = 0;
int main(void) {
  pid_t pid = getpid();
  ssize_t n = -1;
  size_t len = 3;
  uint8_t byte = 200;
  box b = { 1 };
  node_t nd = { 2 };
  struct node raw = { 3 };
  int plain = 4;
  return 0;
}
`;
    const { program } = await compile(src, "types.c");
    const st = new Stepper({ program, name: "types", scenario: {} });
    st.until((s) => s.processes[1]?.line === 17, 50);
    const p = st.current.processes.find((x) => x.kind === "program");
    assert.deepEqual(p?.frames?.at(-1)?.locals.map((v) => `${v.type} ${v.name}`),
      ["pid_t pid", "ssize_t n", "size_t len", "uint8_t byte", "box b", "node_t nd", "struct node raw", "int plain"]);
    assert.deepEqual(p?.globals?.map((v) => `${v.type} ${v.name}`), ["volatile sig_atomic_t got"]);
  });

  it("array, pointer and function-pointer types read as C writes them: int[2][3], int *[4], int (*)[3], void (*)(int)", async () => {
    const src = `void on(int sig) { (void)sig; }
int main(void) {
  int grid[2][3] = { {1, 2, 3}, {4, 5, 6} };
  int *ptrs[4] = { 0 };
  int (*row)[3] = grid;
  void (*fp)(int) = on;
  char **argvp = 0;
  long long big = -1;
  signed char sc = -1;
  unsigned long long ub = 1;
  return 0;
}
`;
    const { program } = await compile(src, "decls.c");
    const st = new Stepper({ program, name: "decls", scenario: {} });
    st.until((s) => s.processes[1]?.line === 11, 50);
    const p = st.current.processes.find((x) => x.kind === "program");
    assert.deepEqual(p?.frames?.at(-1)?.locals.map((v) => `${v.type} | ${v.name} | ${v.value}`), [
      "int[2][3] | grid | {{1, 2, 3}, {4, 5, 6}}", "int *[4] | ptrs | {NULL, NULL, NULL, NULL}",
      `int (*)[3] | row | ${local(p, "row")}`, `void (*)(int) | fp | ${local(p, "fp")}`, "char ** | argvp | NULL",
      "long long | big | -1", "signed char | sc | -1 '\\377'", "unsigned long long | ub | 1"]);
    assert.match(local(p, "fp") ?? "", / <on>$/);
  });

  it("const and volatile stay in a variable's type, as the program wrote them", async () => {
    const src = `#include <signal.h>
struct point { int x, y; };
const int limit = 3;
volatile sig_atomic_t got = 0;
int count(const char *s) { int n = 0; while (s[n]) n++; return n; }
int main(void) {
  const char *msg = "ping";
  const struct point origin = { 0, 0 };
  char *const fixed = 0;
  int n = count(msg);
  return n;
}
`;
    const { program } = await compile(src, "quals.c");
    const st = new Stepper({ program, name: "quals", scenario: {} });
    st.until((s) => s.processes[1]?.frames?.length === 2, 50);
    const p = st.current.processes.find((x) => x.kind === "program");
    assert.deepEqual(p?.globals?.map((v) => `${v.type} ${v.name}`), ["const int limit", "volatile sig_atomic_t got"]);
    assert.deepEqual(p?.frames?.map((f) => f.locals.map((v) => `${v.type} ${v.name}`)),
      [["const char * msg", "const struct point origin", "char * fixed"], ["const char * s"]]);
  });

  it("a sigset_t reads as the signals in it, in a variable and inside struct sigaction", async () => {
    const src = `#include <signal.h>
int main(void) {
  sigset_t mask, none;
  struct sigaction sa;
  sigemptyset(&none);
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  sigaddset(&mask, SIGINT);
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGTERM);
  return 0;
}
`;
    const { program } = await compile(src, "sets.c");
    const st = new Stepper({ program, name: "sets", scenario: {} });
    st.until((s) => s.processes[1]?.line === 11, 50);
    const p = st.current.processes.find((x) => x.kind === "program");
    assert.equal(local(p, "mask"), "{SIGINT, SIGCHLD}");
    assert.equal(local(p, "none"), "{}");
    assert.match(local(p, "sa") ?? "", /\.sa_mask = \{SIGTERM\}/);
  });

  it("an enum variable reads as its value's name, as gdb shows it; a value with no name as its number", async () => {
    const src = `#include <stdio.h>
enum state { IDLE, RUNNING = 5, DONE, FINISHED = 6 };
typedef enum { OFF, ON } power_t;
enum state g = RUNNING;
int main(void) {
  enum state s = DONE;
  enum state odd = (enum state)42;
  power_t p = ON;
  printf("%d %d %d %d\\n", g, s, odd, p);
  return 0;
}
`;
    const { program } = await compile(src, "enums.c");
    const st = new Stepper({ program, name: "enums", scenario: {} });
    st.until((s) => s.processes[1]?.line === 9, 50);
    const p = st.current.processes.find((x) => x.kind === "program");
    assert.deepEqual(p?.globals?.map((v) => `${v.type} ${v.name} = ${v.value}`), ["enum state g = RUNNING"]);
    assert.deepEqual(p?.frames?.at(-1)?.locals.map((v) => `${v.type} ${v.name} = ${v.value}`),
      ["enum state s = DONE", "enum state odd = 42", "power_t p = ON"]);
    st.continue(50);
    assert.equal(st.current.output.map((o) => o.text).join(""), "5 6 42 1\n", "still an int to C");
  });

  it("keeps a process's row (the same object) when another process ran the step", async () => {
    const st = await stepper("fork-returns.c");
    st.until((s) => s.processes.filter((p) => p.kind === "program").length === 2);
    const child = st.current.processes.filter((p) => p.kind === "program")[1].pid;
    st.step(child);
    const before = st.current;
    st.step(child);
    const parentBefore = before.processes.find((p) => p.pid === st.mainPid);
    const parentAfter = st.current.processes.find((p) => p.pid === st.mainPid);
    assert.equal(parentAfter, parentBefore, "the parent's row is shared, variables and all");
  });
});
