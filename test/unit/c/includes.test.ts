// A name of a system header used without including it is told as gcc 12 tells it: a call
// is an implicit declaration (a warning; the program still runs), a type, constant or
// struct object is an error (nothing starts). The table of src/c/includes.ts is checked
// header by header against the real gcc, and small programs are compiled by both.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile, run, wasm } from "./helpers";
import { loadParser, parseC, type Node } from "../../../src/c/parse";
import { SYSTEM_HEADERS } from "../../../src/c/headers";
import { compileErrors, Diagnostic } from "../../../src/c/diagnostic";
import { KNOWN_HEADERS, KNOWN_NAMES, undeclaredIn } from "../../../src/c/includes";
import { constantNames } from "../../../src/c/constants";

const root = join(__dirname, "..", "..", "..");
const GCC_ENV = { ...process.env, LANG: "C", LC_ALL: "C" };

/** What gcc -fsyntax-only says of undeclared names: "line:column kind 'name'" each. */
function gccSays(dir: string, file: string, args: string[] = []): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile("gcc", ["-fsyntax-only", ...args, file], { cwd: dir, encoding: "utf8", env: GCC_ENV, maxBuffer: 1 << 26 }, (e, _out, stderr) => {
      if (e && typeof e.code !== "number") { reject(e); return; }
      const said: string[] = [];
      for (const l of stderr.split("\n")) {
        const m = /^[^:]+:(\d+):(\d+): (?:warning|error): (implicit declaration of function|unknown type name|storage size of|invalid application of 'sizeof' to incomplete type|invalid use of undefined type) '([^']+)'|^[^:]+:(\d+):(\d+): error: '(\w+)' (undeclared)/.exec(l);
        if (m) said.push(m[1] ? `${m[1]}:${m[2]} ${m[3]} '${m[4]}'` : `${m[5]}:${m[6]} ${m[8]} '${m[7]}'`);
      }
      resolve(said.sort());
    });
  });
}

/** The same, from the stepper's diagnostics. */
function weSay(ds: readonly Diagnostic[]): string[] {
  const said: string[] = [];
  for (const d of ds) {
    const m = /^(implicit declaration of function|unknown type name|storage size of|invalid application of 'sizeof' to incomplete type|invalid use of undefined type) '([^']+)'|^'(\w+)' (undeclared)/.exec(d.message);
    if (m) said.push(m[1] ? `${d.line}:${d.column} ${m[1]} '${m[2]}'` : `${d.line}:${d.column} ${m[4]} '${m[3]}'`);
  }
  return said.sort();
}

describe("a missing #include is told as gcc tells it", function () {
  this.timeout(120000);
  let tmp: string;
  before(() => { tmp = mkdtempSync(join(tmpdir(), "forklab-includes-")); });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it("the table: each header alone (and csapp.h) declares, per gcc, exactly the names the table says, with and without _GNU_SOURCE", async () => {
    // Each name used once in a function of its own, so that gcc reports each where it is
    // undeclared: a call for the function-like macros, the name for other values, a pointer
    // for types, sizeof for struct tags.
    const macroArgs: Record<string, string> = { FD_SET: "0, (void *)0", FD_CLR: "0, (void *)0", FD_ISSET: "0, (void *)0", FD_ZERO: "(void *)0", sigsetjmp: "0, 0" };
    const macros = new Set(["WIFEXITED", "WEXITSTATUS", "WIFSIGNALED", "WTERMSIG", "WIFSTOPPED", "WSTOPSIG", "WIFCONTINUED", "WCOREDUMP", "assert", "setjmp", ...Object.keys(macroArgs)]);
    const names = [...KNOWN_NAMES];
    const body = names.map((n, i) => {
      if (n.startsWith("struct ")) return `void f${i}(void) { (void)sizeof(${n}); }`;
      if (macros.has(n)) return `void f${i}(void) { (void)${n}(${macroArgs[n] ?? "0"}); }`;
      if (/^[a-z_0-9]+_t$|^(FILE|DIR|bool|jmp_buf|sigjmp_buf|va_list)$/.test(n)) return `void f${i}(void) { ${n} *p = 0; (void)p; }`;
      return `void f${i}(void) { (void)(${n}); }`;
    }).join("\n") + "\n";
    const headers = [...KNOWN_HEADERS];
    assert.ok(headers.includes("csapp.h") && headers.includes("unistd.h") && names.includes("fork") && names.includes("struct sockaddr_in"));
    const disagree: string[] = [];
    const probes = [false, true].flatMap((gnu) => headers.map((h, i) => ({ gnu, h, file: `probe-${gnu ? "gnu-" : ""}${i}.c` })));
    const check = async ({ gnu, h, file }: (typeof probes)[number]): Promise<void> => {
      const include = h === "csapp.h" ? `#include "csapp.h"` : `#include <${h}>`;
      writeFileSync(join(tmp, file), `${gnu ? "#define _GNU_SOURCE\n" : ""}${include}\n${body}`);
      const missing = new Set((await gccSays(tmp, file, ["-I", join(root, "examples")])).map((s) => /'([^']+)'$/.exec(s)![1]));
      const undeclared = undeclaredIn({ headers: [h], gnu });
      assert.ok(undeclared, `${h} is in the table`);
      for (const n of names) {
        const gccMissing = missing.has(n) || missing.has(n.replace(/^struct /, ""));
        if (gccMissing !== !!undeclared(n)) disagree.push(`${gnu ? "_GNU_SOURCE " : ""}<${h}> ${n}: gcc says ${gccMissing ? "undeclared" : "declared"}`);
      }
    };
    // Two gcc at a time: the machine is shared.
    const queue = [...probes];
    const worker = async (): Promise<void> => { for (let p = queue.shift(); p; p = queue.shift()) await check(p); };
    await Promise.all([worker(), worker()]);
    assert.deepEqual(disagree, []);
  });

  it("every function, typedef, struct and constant of the built-in headers has its header in the table", async () => {
    // The stepper's own entry points (__forklab_...) and _Exit, which gcc declares built in, excepted.
    const { tree } = parseC(await loadParser(wasm), "<system headers>", SYSTEM_HEADERS);
    const declared = new Set<string>();
    const nameOf = (d: Node | null): string | undefined => {
      for (let n = d; n; n = n.childForFieldName("declarator") ?? n.namedChildren.find((c) => c?.type.endsWith("declarator")) ?? null) {
        if (n.type === "identifier" || n.type === "type_identifier") return n.text;
      }
      return undefined;
    };
    for (const n of tree.rootNode.namedChildren) {
      if (!n) continue;
      for (const s of [n, ...n.descendantsOfType("struct_specifier")]) {
        const tag = s?.type === "struct_specifier" && s.childForFieldName("body") ? s.childForFieldName("name")?.text : undefined;
        if (tag) declared.add(`struct ${tag}`);
      }
      if (n.type === "declaration" || n.type === "type_definition") for (const d of n.childrenForFieldName("declarator")) { const x = nameOf(d); if (x) declared.add(x); }
    }
    tree.delete();
    assert.ok(declared.has("fork") && declared.has("pid_t") && declared.has("struct sockaddr_in") && declared.has("stdout") && declared.has("sighandler_t"));
    const names = new Set(KNOWN_NAMES);
    const missing = [...declared, ...constantNames()].filter((n) => !names.has(n) && !n.startsWith("__forklab_") && n !== "__va_start" && n !== "_Exit" && n !== "struct _IO_FILE");
    assert.deepEqual(missing, []);
  });

  const programs: Record<string, { src: string; files?: Record<string, string>; silent: boolean }> = {
    "every header included: both silent": {
      silent: true,
      src: `#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include <signal.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
int main(void) {
  int fds[2];
  struct sockaddr_in addr;
  memset(&addr, 0, sizeof(struct sockaddr_in));
  addr.sin_port = htons(8000);
  if (pipe(fds) < 0) { perror("pipe"); exit(1); }
  pid_t pid = fork();
  if (pid == 0) { close(fds[0]); write(fds[1], "x", 1); _exit(0); }
  int status;
  waitpid(pid, &status, WNOHANG);
  signal(SIGCHLD, SIG_IGN);
  if (WIFEXITED(status)) printf("%d %d\\n", WEXITSTATUS(status), errno == EINTR);
  int fd = open("/dev/null", O_RDONLY);
  return fd < 0 ? EXIT_FAILURE : 0;
}
`,
    },
    "no header at all: both warn for the calls and stop at the types and constants": {
      silent: false,
      src: `int main(void) {
  pid_t pid = fork();
  int status;
  waitpid(pid, &status, WNOHANG);
  printf("%d\\n", status);
  struct sockaddr_in addr;
  FILE *f = 0;
  char *m = malloc(3);
  bool b = 0;
  size_t n = sizeof(struct sockaddr_in);
  return EOF;
}
`,
    },
    "what a header brings in on glibc: <stdlib.h> brings pid_t and WNOHANG, <sys/wait.h> SIGCHLD and kill, but not fork": {
      silent: false,
      src: `#include <stdlib.h>
#include <sys/wait.h>
int main(void) {
  pid_t pid = fork();
  kill(pid, SIGCHLD);
  waitpid(pid, 0, WNOHANG | WUNTRACED);
  return EXIT_SUCCESS;
}
`,
    },
    "names the program declares itself: both silent": {
      silent: true,
      src: `typedef int pid_t;
int fork(void);
int printf(const char *fmt, ...);
enum { WNOHANG = 1 };
struct sockaddr_in { int port; };
int main(void) {
  struct sockaddr_in a = { 1 };
  pid_t p = fork();
  printf("%d %d\\n", p, a.port + WNOHANG);
  return 0;
}
`,
    },
    "a local header that includes the system headers: both silent": {
      silent: true,
      files: { "common.h": "#include <stdio.h>\n#include <unistd.h>\n" },
      src: `#include "common.h"
int main(void) {
  pid_t p = fork();
  printf("%d\\n", p > 0);
  return 0;
}
`,
    },
    "_GNU_SOURCE before <signal.h> brings <unistd.h>: both silent; sighandler_t too": {
      silent: true,
      src: `#define _GNU_SOURCE
#include <signal.h>
static void h(int s) { (void)s; }
int main(void) {
  sighandler_t old = signal(SIGINT, h);
  (void)old;
  return fork() < 0;
}
`,
    },
    "without _GNU_SOURCE, <signal.h> does not bring fork: both warn": {
      silent: false,
      src: `#include <signal.h>
int main(void) {
  signal(SIGINT, SIG_IGN);
  return fork() < 0;
}
`,
    },
    "a struct's members through a pointer, without its header: both stop at each": {
      silent: false,
      src: `#include <stdio.h>
#include <sys/socket.h>
static int port(const struct sockaddr_in *p) { return p->sin_port; }
int main(void) {
  struct sockaddr_storage ss;
  struct sockaddr *sa = (struct sockaddr *)&ss;
  struct sockaddr_in *in = (struct sockaddr_in *)sa;
  (*in).sin_port = 80;
  printf("%d %d\\n", sa->sa_family, port(in));
  return 0;
}
`,
    },
    "<sys/types.h> alone: the types, not the functions": {
      silent: false,
      src: `#include <sys/types.h>
int main(void) {
  pid_t p = getpid();
  ssize_t n = write(1, "x", 1);
  fd_set set;
  return (int)n + p + (int)sizeof set;
}
`,
    },
  };

  for (const [name, p] of Object.entries(programs)) {
    it(`${name} (gcc -fsyntax-only and the stepper agree)`, async () => {
      const dir = mkdtempSync(join(tmp, "p-"));
      writeFileSync(join(dir, "prog.c"), p.src);
      for (const [f, t] of Object.entries(p.files ?? {})) writeFileSync(join(dir, f), t);
      const gcc = await gccSays(dir, "prog.c");
      const ours = weSay((await compile(p.src, "prog.c", p.files ?? {})).diagnostics);
      assert.deepEqual(ours, gcc);
      assert.equal(gcc.length === 0, p.silent, `gcc said: ${gcc.join("; ")}`);
    });
  }

  it("a function: a warning at the call that names the header, and the program still runs", async () => {
    const src = `#include <stdio.h>\nint main(void) {\n  printf("%d\\n", getpid() > 0);\n  return 0;\n}\n`;
    const { diagnostics } = await compile(src);
    assert.deepEqual(diagnostics.map((d) => [d.line, d.column, d.severity, d.message]), [
      [3, 18, "warning", "implicit declaration of function 'getpid'; include '<unistd.h>' or provide a declaration of 'getpid'"],
    ]);
    assert.equal((await run(src)).stdout, "1\n");
  });

  it("a type: an error naming the header, so the program does not start", async () => {
    const { diagnostics } = await compile(`#include <stdio.h>\nint main(void) {\n  pid_t p = 0;\n  return p;\n}\n`);
    assert.deepEqual(compileErrors(diagnostics).map((d) => [d.line, d.column, d.message]), [
      [3, 3, "unknown type name 'pid_t'; 'pid_t' is defined in header '<sys/types.h>'; did you forget to '#include <sys/types.h>'?"],
    ]);
  });

  it("a constant: an error once per function, naming the header", async () => {
    const { diagnostics } = await compile(`#include <unistd.h>\nint main(void) {\n  int a = SIGCHLD, b = SIGCHLD;\n  return a + b;\n}\n`);
    assert.deepEqual(compileErrors(diagnostics).map((d) => [d.line, d.column, d.message]), [
      [3, 11, "'SIGCHLD' undeclared (first use in this function); 'SIGCHLD' is defined in header '<signal.h>'; did you forget to '#include <signal.h>'?"],
    ]);
  });

  it("a function-like macro called without its header is an error: the program would not link", async () => {
    const { diagnostics } = await compile(`#include <stdlib.h>\n#include <unistd.h>\nint main(void) {\n  int s = 0;\n  return WCOREDUMP(s);\n}\n`);
    assert.equal(compileErrors(diagnostics).length, 1);
    assert.match(compileErrors(diagnostics)[0].message, /^implicit declaration of function 'WCOREDUMP'; .*<sys\/wait\.h>.*undefined reference to 'WCOREDUMP'/);
  });

  it("csapp.h includes what the real one does: sockets, signals, wait, stdio need nothing more", async () => {
    const { diagnostics } = await compile(`#include "csapp.h"
int main(void) {
  struct sockaddr_in a;
  pid_t p = fork();
  sigset_t m;
  sigemptyset(&m);
  if (p == 0) exit(0);
  waitpid(p, NULL, WNOHANG);
  printf("%d %d\\n", (int)sizeof a, DEF_MODE != 0);
  return 0;
}
`);
    assert.deepEqual(diagnostics, []);
  });

  it("a local header's includes count for the file that includes it, and its own code is checked too", async () => {
    const files = { "util.h": "#include <stdio.h>\nstatic void say(void) { printf(\"%d\\n\", getpid()); }\n" };
    const { diagnostics } = await compile(`#include "util.h"\nint main(void) {\n  say();\n  puts("x");\n  return 0;\n}\n`, "prog.c", files);
    assert.deepEqual(diagnostics.map((d) => [d.file, d.line, d.severity, d.message.split(";")[0]]), [
      ["util.h", 2, "warning", "implicit declaration of function 'getpid'"],
    ]);
  });

  it("a system header the table does not know turns the check off: it might declare anything", async () => {
    assert.ok(!KNOWN_HEADERS.includes("sys/vfs.h"));
    assert.equal(undeclaredIn({ headers: ["stdio.h", "sys/vfs.h"], gnu: false }), undefined);
    const { diagnostics } = await compile(`#include <stdio.h>\n#include <sys/vfs.h>\nint main(void) {\n  pid_t p = fork();\n  return p;\n}\n`);
    assert.deepEqual(diagnostics, []);
  });
});
