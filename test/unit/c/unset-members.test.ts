// A struct or array declared without a value is indeterminate member by member: after
// `addr.sin_family = AF_INET;` the other members are still not set (NOT_SET, "?"), not
// the 0 the model's fresh stack holds. What writes them is any store to their bytes: a
// member or element assignment, memcpy/memset/bzero, read/recv/fgets into them, a struct
// assignment, a write through a pointer. fork copies which bytes were written with the
// memory; static storage and `= {0}` are never indeterminate.
import { strict as assert } from "node:assert";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { compile, example, exampleScenario } from "./helpers";
import { Session } from "../../../src/session/session";
import { NOT_SET } from "../../../src/c/variables";
import type { Proc } from "../../../src/contract/snapshot";
import { Memory, STACK_TOP } from "../../../src/c/memory";
import { Shadow } from "../../../src/c/shadow";
import type { ShadowVar } from "../../../src/c/program";

async function session(text: string): Promise<Session> {
  const { program, diagnostics } = await compile(text);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(errors.map((d) => `${d.line}:${d.message}`).join("\n"));
  return new Session({ program, name: "prog", scenario: {} });
}

/** A process's innermost frame's locals and its globals, by name. */
function vars(p: Proc): Record<string, string> {
  const f = p.frames![p.frames!.length - 1];
  return Object.fromEntries([...p.globals!, ...f.locals].map((v) => [v.name, v.value]));
}

/** Step `pid` (the main process by default) until it is at `line`; its variables there. */
function at(s: Session, line: number, pid = s.mainPid): Record<string, string> {
  for (let n = 0; n < 200; n++) {
    const p = s.snapshot().processes.find((x) => x.pid === pid)!;
    if (p.line === line) return vars(p);
    s.step(pid);
  }
  throw new Error(`pid ${pid} never at line ${line}`);
}

const notes = (s: Session): string[] => s.machine.notes.map((n) => n.text).filter((t) => t.startsWith("use-of-uninitialized-value"));

describe("members and elements never written are shown as not set", function () {
  this.timeout(60000);

  it("a member assignment sets that member only; the others stay '?' until written", async () => {
    const s = await session(`#include <netinet/in.h>
#include <arpa/inet.h>
int main(void) {
    struct sockaddr_in addr;
    addr.sin_family = AF_INET;
    addr.sin_port = htons(15213);
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    return 0;
}
`);
    assert.equal(at(s, 5).addr, NOT_SET);
    assert.equal(at(s, 6).addr, `{.sin_family = 2, .sin_port = ${NOT_SET}, .sin_addr = ${NOT_SET}, .sin_zero = ${NOT_SET}}`);
    assert.equal(at(s, 7).addr, `{.sin_family = 2, .sin_port = 27963, .sin_addr = ${NOT_SET}, .sin_zero = ${NOT_SET}}`);
    // Family, port and address all written: the address as a learner reads it (sin_zero does not matter).
    assert.equal(at(s, 8).addr, "{AF_INET, 0.0.0.0:15213}");
  });

  it("socket addresses read as family, address and port (accept's sockaddr_storage, a sockaddr_un's path)", async () => {
    const s = await session(`#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
int main(void) {
    struct sockaddr_storage peer;
    struct sockaddr_in *in = (struct sockaddr_in *)&peer;
    struct sockaddr_un un;
    memset(&peer, 0, sizeof peer);
    in->sin_family = AF_INET;
    in->sin_port = htons(32769);
    in->sin_addr.s_addr = htonl(0x7f000001);
    memset(&un, 0, sizeof un);
    un.sun_family = AF_UNIX;
    strcpy(un.sun_path, "/tmp/echo.sock");
    return 0;
}
`);
    assert.equal(at(s, 11).peer.startsWith("{.ss_family = 0,"), true, "another family (0 after memset): the members as they are");
    assert.equal(at(s, 17).peer, "{AF_INET, 127.0.0.1:32769}");
    assert.equal(at(s, 17).un, '{AF_UNIX, "/tmp/echo.sock"}');
  });

  it("an element assignment, and a write through a pointer, set those elements only", async () => {
    const s = await session(`int main(void) {
    int a[4];
    int *p = &a[2];
    a[0] = 1;
    *p = 5;
    p[1] = 6;
    return 0;
}
`);
    assert.equal(at(s, 4).a, NOT_SET);
    assert.equal(at(s, 5).a, `{1, ${NOT_SET}, ${NOT_SET}, ${NOT_SET}}`);
    assert.equal(at(s, 6).a, `{1, ${NOT_SET}, 5, ${NOT_SET}}`);
    assert.equal(at(s, 7).a, `{1, ${NOT_SET}, 5, 6}`);
  });

  it("memset, bzero, memcpy and a struct assignment write the bytes they cover", async () => {
    const s = await session(`#include <string.h>
#include <strings.h>
struct pair { int a; int b; };
int main(void) {
    struct pair p, q, r;
    int a[4];
    memset(&p, 0, sizeof p);
    bzero(&q.b, sizeof q.b);
    memcpy(a + 1, &p, 2 * sizeof(int));
    r = p;
    return 0;
}
`);
    assert.equal(at(s, 8).p, "{.a = 0, .b = 0}");
    let v = at(s, 9);
    assert.equal(v.q, `{.a = ${NOT_SET}, .b = 0}`);
    v = at(s, 10);
    assert.equal(v.a, `{${NOT_SET}, 0, 0, ${NOT_SET}}`);
    assert.equal(v.r, NOT_SET);
    assert.equal(at(s, 11).r, "{.a = 0, .b = 0}");
  });

  it("read into a char buffer: the text read, then '?' where no NUL ended it; buf[n] = 0 ends it", async () => {
    const s = await session(`#include <unistd.h>
#include <stdio.h>
int main(void) {
    int fds[2];
    char buf[100];
    ssize_t n;
    pipe(fds);
    write(fds[1], "hello", 5);
    n = read(fds[0], buf, sizeof buf);
    buf[n] = '\\0';
    printf("%s\\n", buf);
    return 0;
}
`);
    assert.equal(at(s, 9).buf, NOT_SET);
    assert.equal(at(s, 10).buf, `"hello"${NOT_SET}`);
    assert.equal(at(s, 11).buf, "\"hello\"");
    s.run();
    s.snapshot();
    assert.equal(s.stdout(), "hello\n");
    assert.deepEqual(notes(s), [], "printing the written prefix as a string is fine");
  });

  it("recv and fgets write what they store (fgets its NUL too)", async () => {
    const s = await session(`#include <sys/socket.h>
#include <unistd.h>
#include <stdio.h>
int main(void) {
    int sv[2];
    char in[8];
    char line[8];
    FILE *fp;
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    send(sv[0], "ab", 2, 0);
    recv(sv[1], in, sizeof in, 0);
    write(sv[0], "xy\\n", 3);
    fp = fdopen(sv[1], "r");
    fgets(line, sizeof line, fp);
    return 0;
}
`);
    assert.equal(at(s, 11).in, NOT_SET);
    assert.equal(at(s, 12).in, `"ab"${NOT_SET}`);
    assert.equal(at(s, 14).line, NOT_SET);
    assert.equal(at(s, 15).line, "\"xy\\n\"");
  });

  it("a library call that initialises an object writes all of it, as glibc does", async () => {
    const s = await session(`#include <pthread.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/stat.h>
int main(void) {
    pthread_mutex_t m;
    sigset_t mask;
    fd_set set;
    struct stat st;
    pthread_mutex_init(&m, NULL);
    sigemptyset(&mask);
    FD_ZERO(&set);
    stat("/", &st);
    return 0;
}
`);
    const v = at(s, 14);
    assert.equal(v.m, "{.__lock = 0, .__owner = 0, .__size = \"\"}");
    assert.equal(v.mask, "{}");
    assert.match(v.set, /^\{\.fds_bits = \{0, 0, /);
    assert.doesNotMatch(v.st, /\?/);
  });

  it("a scalar written through its address is set when the bytes land, not when the address is taken", async () => {
    const s = await session(`#include <unistd.h>
int main(void) {
    int fds[2];
    int x;
    int *p = &x;
    pipe(fds);
    write(fds[1], "abcd", 4);
    read(fds[0], p, sizeof x);
    return x;
}
`);
    assert.equal(at(s, 6).x, NOT_SET, "taking the address writes nothing");
    assert.equal(at(s, 8).x, NOT_SET);
    assert.equal(at(s, 9).x, String(0x64636261));
  });

  it("fork copies which bytes were written: each process's later writes are its own", async () => {
    const s = await session(`#include <unistd.h>
#include <sys/wait.h>
int main(void) {
    int a[3];
    a[0] = 1;
    if (fork() == 0) {
        a[1] = 2;
        return 0;
    }
    a[2] = 3;
    wait(NULL);
    return 0;
}
`);
    at(s, 6);
    s.step(s.mainPid);
    const child = s.snapshot().processes.find((p) => p.ppid === s.mainPid && p.kind === "program")!;
    assert.equal(vars(child).a, `{1, ${NOT_SET}, ${NOT_SET}}`, "the child starts with the parent's written bytes");
    assert.equal(at(s, 8, child.pid).a, `{1, 2, ${NOT_SET}}`);
    assert.equal(at(s, 11).a, `{1, ${NOT_SET}, 3}`, "the child's write is not the parent's");
  });

  it("static storage and initialised aggregates are never indeterminate", async () => {
    const s = await session(`struct pair { int a; int b; };
struct pair g;
int main(void) {
    static int st[3];
    struct pair z = {0};
    struct pair one = {1};
    int arr[3] = {7};
    g.a = 1;
    st[0] = 1;
    return 0;
}
`);
    const v = at(s, 10);
    assert.equal(v.g, "{.a = 1, .b = 0}");
    assert.equal(v.st, "{1, 0, 0}");
    assert.equal(v.z, "{.a = 0, .b = 0}");
    assert.equal(v.one, "{.a = 1, .b = 0}");
    assert.equal(v.arr, "{7, 0, 0}");
  });

  it("a new call's frame starts over: what the last call wrote does not carry over", async () => {
    const s = await session(`int f(int k) {
    int a[2];
    a[k] = k + 1;
    return a[k];
}
int main(void) {
    int x = f(0);
    int y = f(1);
    return x + y;
}
`);
    assert.equal(at(s, 4).a, `{1, ${NOT_SET}}`);
    s.step(s.mainPid);
    s.step(s.mainPid);
    assert.equal(at(s, 3).a, NOT_SET, "the second call's array is new");
    assert.equal(at(s, 4).a, `{${NOT_SET}, 2}`);
  });

  it("reading a member or element no store reached is told once, as a variable's read is", async () => {
    const s = await session(`#include <netinet/in.h>
int main(void) {
    struct sockaddr_in addr;
    int a[3];
    int t = 0;
    addr.sin_family = AF_INET;
    a[0] = 1;
    for (int i = 0; i < 2; i++) t += a[1] + addr.sin_port + a[0] + addr.sin_family;
    return t;
}
`);
    s.run();
    assert.deepEqual(notes(s), [
      "use-of-uninitialized-value: line 8 reads 'a[1]', declared at line 4 without a value; C leaves its value indeterminate (give it one where it is declared)",
      "use-of-uninitialized-value: line 8 reads 'addr.sin_port', declared at line 3 without a value; C leaves its value indeterminate (give it one where it is declared)",
    ]);
  });
});

describe("the shadow of written bytes", () => {
  const owner: ShadowVar = { name: "buf", line: 1, type: { k: "int", size: 1, signed: true }, off: 0, size: 20 };
  const base = STACK_TOP - 4096;

  it("marks what each store covers, in any order and width, and drops an object once all its bytes are written", () => {
    const mem = new Memory();
    mem.map(base, STACK_TOP, "the stack");
    mem.shadow = new Shadow();
    mem.shadow.track(base + 3, 20, owner);
    mem.write8(base + 2, 1);
    assert.equal(mem.shadow.writtenPrefix(base + 3, 20), 0, "a store before the object is not in it");
    mem.writeBytes(base + 3, new Uint8Array(9));
    assert.equal(mem.shadow.writtenPrefix(base + 3, 20), 9);
    mem.writeU(base + 14, 4, 7);
    assert.equal(mem.shadow.writtenPrefix(base + 3, 20), 9, "byte 12 of the object is still unwritten");
    assert.ok(mem.shadow.unwritten(base + 12, 2));
    assert.ok(!mem.shadow.unwritten(base + 12, 3));
    const copy = mem.clone();
    mem.fill(base + 12, 0, 2);
    assert.ok(copy.shadow!.unwritten(base + 12, 2), "a copy keeps its own shadow");
    mem.write8(base + 18, 0);
    mem.writeBytes(base + 19, new Uint8Array(10));
    assert.equal(mem.shadow, undefined, "every byte written: nothing left to track");
    assert.ok(copy.shadow!.unwritten(base + 12, 2));
  });
});

/** The parts of a shown value that are not set: `.member` for a member, `[]` for an
 *  element, "" for a char array's text that no NUL ended before unwritten bytes. */
function unsetParts(v: string): string[] {
  const out: string[] = [];
  for (const m of v.matchAll(/\.(\w+) = (?:\?|"(?:[^"\\]|\\.)*"\?)(?=[,}])/g)) out.push(`.${m[1]}`);
  if (/^"(?:[^"\\]|\\.)*"\?$/.test(v)) out.push("");
  if (!/\.\w+ = /.test(v) && /^\{.*[{ ]\?[,}]/.test(v)) out.push("[]");
  return out;
}

// Every part of a course example's variables that shows as not set at some step, each one
// checked by hand against the source: nothing the program (or a call it made) wrote.
const EXPECTED: Record<string, string[]> = {
  // read() stores no NUL: the text read, then bytes nothing wrote (until buf[n] = '\0').
  "dup2-redirect.c": ["main:buf"],
  "echoservers.c": ["main:buf"],
  "exec-redirect.c": ["main:buf"],
  "fifo.c": ["main:buf"],
  "fread-vs-read.c": ["main:buf"],
  "pipe-eof-close.c": ["main:buf"],
  "pipe-eof.c": ["main:buf"],
  "pipe-twoway.c": ["main:buf"],
  "socket-setup.c": ["main:buf"],
  // rio's 8192-byte buffer holds what read() put there, with no NUL. (accept writes only the
  // 16 bytes of a sockaddr_in into the 128 of clientaddr, a sockaddr_storage, which then
  // reads as its address, {AF_INET, 127.0.0.1:port}, with nothing shown as not set.)
  "echoserveri.c": ["echo:rio.rio_buf"],
  "echoserverp-exitclose.c": ["echo:rio.rio_buf"],
  "echoserverp-noclose.c": ["echo:rio.rio_buf"],
  "echoserverp-wait.c": ["echo:rio.rio_buf"],
  "echoserverp.c": ["echo:rio.rio_buf"],
  // sa_mask and sa_flags until their lines set them; sa_restorer no program sets.
  "eintr-accept.c": ["main:sa.sa_flags", "main:sa.sa_mask", "main:sa.sa_restorer"],
  "halfclose-client.c": ["main:sa.sa_flags", "main:sa.sa_mask", "main:sa.sa_restorer"],
  "keyboard-signals.c": ["main:sa.sa_flags", "main:sa.sa_mask", "main:sa.sa_restorer"],
  "sigaction-block.c": ["main:sa.sa_flags", "main:sa.sa_mask", "main:sa.sa_restorer"],
  // The server's cli_local gets only the port, which the client sends it (Rio_readn).
  "socket-tuple.c": ["main:buf", "main:cli_local.sin_addr", "main:cli_local.sin_family", "main:cli_local.sin_zero"],
};

describe("course examples show no member as not set where the program wrote it", function () {
  this.timeout(600000);

  it("every part shown as not set in a run of each example is one nothing wrote, and no read of one is told", async () => {
    const dir = join(__dirname, "..", "..", "..", "examples");
    const files = readdirSync(dir);
    const found: Record<string, string[]> = {};
    for (const f of files.filter((x) => x.endsWith(".c") && x !== "csapp.c")) {
      const base = f.replace(/\.c$/, "");
      const scenarios = files.filter((x) => x.startsWith(`${base}.`) && x.endsWith(".scenario.json"));
      const { program } = await compile(example(f), f);
      if (!program.funcIndex.has("main")) continue;
      const seen = new Set<string>();
      for (const sc of scenarios.length ? scenarios : [""]) {
        const s = new Session({ program, name: base, scenario: sc ? exampleScenario(sc) : {} });
        for (let i = 0; i < 3000 && s.runnable().length; i++) {
          s.step();
          for (const p of s.snapshot().processes) {
            for (const fr of p.frames ?? []) for (const v of fr.locals) for (const part of unsetParts(v.value)) seen.add(`${fr.function}:${v.name}${part}`);
          }
        }
        assert.deepEqual(notes(s), [], `${f} ${sc}`);
      }
      if (seen.size) found[f] = [...seen].sort();
    }
    assert.deepEqual(found, EXPECTED);
  });

  it("a thread that ends without returning (pthread_exit from a call) leaves nothing tracked on its stack", async () => {
    const { program, diagnostics } = await compile(`#include <pthread.h>
#include <unistd.h>

void leave(void) { pthread_exit(NULL); }

void *worker(void *arg) {
    int scratch[64];
    leave();
    return scratch;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    pause();
    return 0;
}
`);
    assert.deepEqual(diagnostics.filter((d) => d.severity === "error"), []);
    const session = new Session({ program, name: "prog" });
    session.run();
    const shadow = session.machine.procs.get(session.mainPid)?.mem.shadow;
    assert.ok(!shadow || shadow.hi === -Infinity, `still tracked: [0x${shadow?.lo.toString(16)}, 0x${shadow?.hi.toString(16)})`);
  });
});
