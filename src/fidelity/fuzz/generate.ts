// Random C programs over the process API whose Linux behaviour is determined: the fuzzer's
// generator (`forklab fuzz`). A program is a list of blocks, each self-contained (its own
// scope, descriptors closed and children reaped before it ends), so the shrinker may drop
// any block and the rest still compiles and terminates.
//
// Every cross-process effect is ordered by the program itself, never by timing: a child is
// waited for by pid; a parent signals a child only after the child said (through a pipe)
// that it is blocked where the signal must find it, and frees it only once it knows the
// handler ran; WNOHANG asks only about a child held alive by a pipe; a pipe's reader reads
// to EOF with every write end closed; files are touched by one process at a time. So the
// calls and bytes of each process are the same on every run, and a disagreement with the
// model is the model's (or the harness's) fault.

/** mulberry32: a small seeded generator, the same sequence on every platform. */
export class Rng {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0; }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
  chance(p: number): boolean { return this.next() < p; }
}

/** A program seed from the run's seed and the program's index. */
export function programSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}

/** One block: its C lines, with the places where nested blocks (a child's work) go. */
export interface Block {
  kind: string;
  /** Lines before the nested blocks, the nested blocks, then the lines after them. */
  head: string[];
  body: Block[];
  tail: string[];
}

export interface FuzzProgram {
  seed: number;
  blocks: Block[];
}

const PRELUDE = `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/wait.h>

static volatile sig_atomic_t got_usr1, got_usr2;
static int ack_fd = -1;

/* Self-sent signals: delivered at a known point, so the handler may print. */
static void on_usr1(int sig)
{
    got_usr1++;
    write(1, "usr1\\n", 5);
    (void)sig;
}

/* Signals from another process: the handler only counts, and acknowledges on a pipe. */
static void on_usr2(int sig)
{
    got_usr2++;
    if (ack_fd >= 0) write(ack_fd, "a", 1);
    (void)sig;
}

/* How a child ended, as its parent sees it. */
static void report(const char *who, pid_t w, int st)
{
    if (w < 0) printf("%s: wait failed: %s\\n", who, strerror(errno));
    else if (WIFEXITED(st)) printf("%s: exit %d\\n", who, WEXITSTATUS(st));
    else if (WIFSIGNALED(st)) printf("%s: killed by %d\\n", who, WTERMSIG(st));
    else if (WIFSTOPPED(st)) printf("%s: stopped by %d\\n", who, WSTOPSIG(st));
}

/* A call's result and errno, printed. */
static void said(const char *what, long r)
{
    if (r < 0) printf("%s = %ld (%s)\\n", what, r, strerror(errno));
    else printf("%s = %ld\\n", what, r);
}
`;

/** The C text of a program. */
export function render(p: FuzzProgram): string {
  const lines: string[] = [`/* forklab fuzz program ${p.seed} */`, PRELUDE, "int main(void)", "{"];
  const emit = (bs: Block[], depth: number): void => {
    const pad = "    ".repeat(depth);
    for (const b of bs) {
      for (const l of b.head) lines.push(pad + l);
      emit(b.body, depth + 1);
      for (const l of b.tail) lines.push(pad + l);
    }
  };
  emit(p.blocks, 1);
  lines.push("    return 0;", "}", "");
  return lines.join("\n");
}

/** The number of blocks, nested ones included (a program's size for the shrinker). */
export function size(bs: Block[]): number {
  return bs.reduce((n, b) => n + 1 + size(b.body), 0);
}

interface Gen {
  rng: Rng;
  /** A counter for names that must differ (files, labels). */
  id: number;
}

const WORDS = ["alpha", "bravo", "fork", "pipe", "exec", "zombie", "orphan", "reap", "dup", "seek"];

function text(g: Gen): string {
  return g.rng.pick(WORDS) + (g.rng.chance(0.5) ? " " + g.rng.pick(WORDS) : "");
}

/** printf with and without a newline, puts, fflush, write(2) to 1, fprintf to stderr. */
function printBlock(g: Gen, depth: number): Block {
  const n = ++g.id;
  const r = g.rng;
  const lines: string[] = [];
  for (let k = r.int(3) + 1; k > 0; k--) {
    const t = text(g);
    switch (r.int(7)) {
      case 0: lines.push(`printf("${t} %d\\n", ${n * 10 + depth});`); break;
      case 1: lines.push(`printf("${t} ");`); break;
      case 2: lines.push(`puts("${t}");`); break;
      case 3: lines.push(`fflush(stdout);`); break;
      case 4: lines.push(`write(1, "${t}\\n", ${t.length + 1});`); break;
      case 5: lines.push(`fprintf(stderr, "err ${t} %d\\n", ${n});`); break;
      default: lines.push(`printf("pid-free line %d of depth %d\\n", ${n}, ${depth});`);
    }
  }
  return { kind: "print", head: lines, body: [], tail: [] };
}

/** A file of this block's own: open, write, lseek, read, dup, dup2, close, and calls on
 *  closed or wrong descriptors (EBADF, EINVAL, ESPIPE), each result printed. */
function fileBlock(g: Gen): Block {
  const n = ++g.id;
  const r = g.rng;
  const flags = r.pick(["O_CREAT | O_RDWR | O_TRUNC", "O_CREAT | O_RDWR | O_TRUNC | O_APPEND", "O_CREAT | O_RDWR | O_TRUNC"]);
  const lines = [`{`, `    char buf${n}[64];`, `    int fd = open("fz${n}.txt", ${flags}, 0644);`, `    said("open", fd);`, `    int d = -1;`];
  let open = true;
  let dupd = false;
  for (let k = r.int(6) + 2; k > 0; k--) {
    switch (r.int(8)) {
      case 0: case 1: { const t = text(g); lines.push(`    said("write", write(fd, "${t}", ${t.length}));`); break; }
      case 2: {
        const [off, wh] = r.pick([["0", "SEEK_SET"], ["2", "SEEK_SET"], ["-3", "SEEK_CUR"], ["0", "SEEK_END"], ["-1", "SEEK_SET"], ["100", "SEEK_SET"]]);
        lines.push(`    said("lseek", (long)lseek(fd, ${off}, ${wh}));`);
        break;
      }
      case 3: case 4: lines.push(`    { long k = read(fd, buf${n}, ${r.pick([1, 4, 63])}); said("read", k); if (k > 0) printf("[%.*s]\\n", (int)k, buf${n}); }`); break;
      case 5:
        if (!dupd) { lines.push(r.chance(0.5) ? `    d = dup(fd);` : `    d = dup2(fd, ${r.pick([7, 9])});`, `    said("dup", d);`); dupd = true; }
        else lines.push(`    said("lseek dup", (long)lseek(d, 0, SEEK_CUR));`);
        break;
      case 6:
        if (open && r.chance(0.4)) { lines.push(`    said("close", close(fd));`); open = false; }
        else lines.push(`    said("fcntl", fcntl(fd, F_GETFL) & O_APPEND);`);
        break;
      default: lines.push(`    said("close bad", close(${r.pick([42, -1])}));`);
    }
  }
  if (open) lines.push(`    said("close", close(fd));`);
  lines.push(`    if (d >= 0) close(d);`, `}`);
  return { kind: "file", head: lines, body: [], tail: [] };
}

/** A pipe within one process: writes, reads only what is there (or EOF once the write end
 *  is closed), lseek (ESPIPE), and a write with no reader (EPIPE with SIGPIPE ignored). */
function pipeBlock(g: Gen): Block {
  const n = ++g.id;
  const r = g.rng;
  const lines = [`{`, `    int p[2];`, `    char buf${n}[32];`, `    said("pipe", pipe(p));`];
  let inPipe = 0;
  let writer = true;
  for (let k = r.int(5) + 2; k > 0; k--) {
    const c = r.int(6);
    if (c <= 1 && writer) { const t = text(g); lines.push(`    said("write", write(p[1], "${t}", ${t.length}));`); inPipe += t.length; }
    else if (c === 2 && (inPipe > 0 || !writer)) {
      const want = r.pick([3, 31]);
      lines.push(`    { long k = read(p[0], buf${n}, ${want}); said("read", k); if (k > 0) printf("[%.*s]\\n", (int)k, buf${n}); }`);
      inPipe = Math.max(0, inPipe - want);
    } else if (c === 3 && writer) { lines.push(`    said("close w", close(p[1]));`); writer = false; }
    else if (c === 4) lines.push(`    said("lseek", (long)lseek(p[0], 0, SEEK_CUR));`);
    else if (writer && inPipe === 0 && r.chance(0.3)) {
      lines.push(`    signal(SIGPIPE, SIG_IGN);`, `    said("close r", close(p[0]));`, `    said("write no reader", write(p[1], "x", 1));`, `    p[0] = dup(p[1]);`, `    signal(SIGPIPE, SIG_DFL);`);
    }
  }
  lines.push(`    close(p[0]);`);
  if (writer) lines.push(`    close(p[1]);`);
  lines.push(`}`);
  return { kind: "pipe", head: lines, body: [], tail: [] };
}

/** Signals a process sends itself: a handler installed with signal or sigaction, a mask
 *  that holds them pending (two of one kind merge into one), unblocking delivers at once,
 *  SIG_IGN discards. */
function signalBlock(g: Gen): Block {
  const r = g.rng;
  const lines = [`{`];
  if (r.chance(0.5)) lines.push(`    signal(SIGUSR1, on_usr1);`);
  else lines.push(`    struct sigaction sa;`, `    memset(&sa, 0, sizeof sa);`, `    sa.sa_handler = on_usr1;`, `    sigemptyset(&sa.sa_mask);`, `    sa.sa_flags = ${r.pick(["0", "SA_RESTART", "SA_RESETHAND"])};`, `    said("sigaction", sigaction(SIGUSR1, &sa, NULL));`);
  lines.push(`    sigset_t m, old;`, `    sigemptyset(&m);`, `    sigaddset(&m, SIGUSR1);`);
  for (let k = r.int(4) + 1; k > 0; k--) {
    switch (r.int(5)) {
      case 0: lines.push(`    said("kill self", kill(getpid(), SIGUSR1));`); break;
      case 1: lines.push(`    said("raise", raise(SIGUSR1));`); break;
      case 2:
        lines.push(`    said("block", sigprocmask(SIG_BLOCK, &m, &old));`);
        for (let j = r.int(3); j >= 0; j--) lines.push(`    kill(getpid(), SIGUSR1);`);
        lines.push(`    { sigset_t p; sigpending(&p); printf("pending %d, got %d\\n", sigismember(&p, SIGUSR1), (int)got_usr1); }`);
        lines.push(`    said("unblock", sigprocmask(SIG_SETMASK, &old, NULL));`);
        break;
      case 3: lines.push(`    signal(SIGUSR1, SIG_IGN);`, `    raise(SIGUSR1);`, `    signal(SIGUSR1, on_usr1);`); break;
      default: lines.push(`    printf("usr1 so far %d\\n", (int)got_usr1);`);
    }
  }
  lines.push(`    signal(SIGUSR1, SIG_DFL);`, `    printf("usr1 total %d\\n", (int)got_usr1);`, `}`);
  return { kind: "signal", head: lines, body: [], tail: [] };
}

/** How a child ends: exit (flushes stdio), _exit (drops it), a fatal signal to itself. */
function childEnd(g: Gen): string {
  const code = g.rng.int(5);
  return g.rng.pick([`exit(${code});`, `_exit(${code + 10});`, `kill(getpid(), SIGTERM); _exit(99);`, `exit(${code});`]);
}

/** The parent's wait for the block's one child. */
function waitFor(g: Gen, who: string): string[] {
  const call = g.rng.pick([`waitpid(c, &st, 0)`, `wait(&st)`, `waitpid(-1, &st, 0)`]);
  return [`    int st = 0;`, `    pid_t w = ${call};`, `    report("${who}", w == c ? 0 : -1, st);`, `    said("again", waitpid(c, NULL, WNOHANG));`];
}

/** fork, the child's own blocks, its end; the parent waits. */
function forkBlock(g: Gen, depth: number): Block {
  const n = ++g.id;
  const who = `child ${n}`;
  return {
    kind: "fork",
    head: [`{`, `    pid_t c = fork();`, `    if (c < 0) { perror("fork"); exit(1); }`, `    if (c == 0) {`],
    body: blocks(g, depth + 1, g.rng.int(3)),
    tail: [`        ${childEnd(g)}`, `    }`, ...waitFor(g, who), `}`],
  };
}

/** A child reads the parent's writes to EOF (or the parent reads the child's). */
function forkPipeBlock(g: Gen, depth: number): Block {
  const n = ++g.id;
  const r = g.rng;
  const words = Array.from({ length: r.int(3) + 1 }, () => text(g));
  const writes = words.map((t) => `write(p[1], "${t}|", ${t.length + 1});`);
  const readLoop = `{ char b[16]; long k, tot = 0; while ((k = read(p[0], b, sizeof b)) > 0) tot += k; printf("read %ld bytes\\n", tot); }`;
  const down = r.chance(0.5);
  return {
    kind: "forkpipe",
    head: [`{`, `    int p[2];`, `    pipe(p);`, `    pid_t c = fork();`, `    if (c == 0) {`, down ? `        close(p[1]);` : `        close(p[0]);`,
      down ? `        ${readLoop}` : `        ${writes.join(" ")}`, down ? `        close(p[0]);` : `        close(p[1]);`],
    body: blocks(g, depth + 1, r.int(2)),
    tail: [`        ${childEnd(g)}`, `    }`, down ? `    close(p[0]);` : `    close(p[1]);`, down ? `    ${writes.join(" ")}` : `    ${readLoop}`,
      down ? `    close(p[1]);` : `    close(p[0]);`, ...waitFor(g, `pipe child ${n}`), `}`],
  };
}

/** A child blocks in read on a pipe its parent holds; it says so first on another pipe.
 *  The parent then kills it (default action); or signals a handler installed with
 *  SA_RESTART (whether it lands before or during the read, the read ends with EOF once the
 *  parent knows from the handler's acknowledgement that it ran and closes the pipe); or
 *  asks WNOHANG while it waits; or stops and continues it. A handler without SA_RESTART is
 *  exercised through sigsuspend, where the signal is held blocked until the child waits
 *  for it (an interrupted read would depend on whether the signal came before the read). */
function blockedChildBlock(g: Gen): Block {
  const n = ++g.id;
  const r = g.rng;
  const mode = r.pick(["kill", "suspend", "restart", "nohang", "stop"]);
  const child: string[] = [`        close(ready[0]);`, `        close(gate[1]);`];
  if (mode === "suspend" || mode === "restart") {
    child.push(`        struct sigaction sa;`, `        memset(&sa, 0, sizeof sa);`, `        sa.sa_handler = on_usr2;`, `        sa.sa_flags = ${mode === "restart" ? "SA_RESTART" : "0"};`, `        sigaction(SIGUSR2, &sa, NULL);`, `        ack_fd = ready[1];`);
  }
  if (mode === "suspend") {
    child.push(`        sigset_t blk, old;`, `        sigemptyset(&blk);`, `        sigaddset(&blk, SIGUSR2);`, `        sigprocmask(SIG_BLOCK, &blk, &old);`, `        write(ready[1], "r", 1);`,
      `        long k = sigsuspend(&old);`, `        printf("child ${n}: sigsuspend %ld %s, usr2 %d\\n", k, strerror(errno), (int)got_usr2);`, `        ${childEnd(g)}`);
  } else {
    child.push(`        write(ready[1], "r", 1);`, `        char b;`, `        long k = read(gate[0], &b, 1);`, `        printf("child ${n}: read %ld, usr2 %d\\n", k, (int)got_usr2);`, `        ${childEnd(g)}`);
  }
  const parent: string[] = [`    close(ready[1]);`, `    close(gate[0]);`, `    char b;`, `    read(ready[0], &b, 1);`];
  switch (mode) {
    case "kill": parent.push(`    said("kill", kill(c, ${r.pick(["SIGTERM", "SIGKILL", "SIGINT", "SIGUSR1"])}));`); break;
    case "suspend": parent.push(`    said("kill", kill(c, SIGUSR2));`, `    read(ready[0], &b, 1);`); break;
    case "restart": parent.push(`    said("kill", kill(c, SIGUSR2));`, `    read(ready[0], &b, 1);`, `    close(gate[1]);`); break;
    case "nohang": parent.push(`    said("nohang", waitpid(c, NULL, WNOHANG));`, `    close(gate[1]);`); break;
    default:
      parent.push(`    said("stop", kill(c, SIGSTOP));`, `    { int st; pid_t w = waitpid(c, &st, WUNTRACED); report("stopped child", w == c ? 0 : -1, st); }`, `    said("cont", kill(c, SIGCONT));`, `    close(gate[1]);`);
  }
  return {
    kind: `blocked-${mode}`,
    head: [`{`, `    int ready[2], gate[2];`, `    pipe(ready);`, `    pipe(gate);`, `    pid_t c = fork();`, `    if (c == 0) {`, ...child, `    }`, ...parent],
    body: [],
    tail: [...waitFor(g, `blocked child ${n}`), `    close(ready[0]);`, `    close(gate[1]);`, `}`],
  };
}

/** exec of a built-in command (or of one that does not exist: ENOENT) in a child. */
function execBlock(g: Gen): Block {
  const n = ++g.id;
  const r = g.rng;
  const cmd = r.pick([
    `execlp("echo", "echo", "${text(g)}", (char *)NULL);`,
    `execlp("true", "true", (char *)NULL);`,
    `execlp("false", "false", (char *)NULL);`,
    `execl("/bin/echo", "echo", "-n", "${text(g)}", (char *)NULL);`,
    `execlp("no-such-command-${n}", "x", (char *)NULL);`,
  ]);
  return {
    kind: "exec",
    head: [`{`, `    fflush(stdout);`, `    pid_t c = fork();`, `    if (c == 0) {`, `        ${cmd}`, `        said("exec", -1);`, `        _exit(127);`, `    }`, ...waitFor(g, `exec ${n}`), `}`],
    body: [],
    tail: [],
  };
}

/** stdout redirected into a file with dup2 and restored; the file read back. */
function redirectBlock(g: Gen): Block {
  const n = ++g.id;
  const t = text(g);
  return {
    kind: "redirect",
    head: [`{`, `    fflush(stdout);`, `    int saved = dup(1);`, `    int fd = open("fr${n}.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);`, `    dup2(fd, 1);`, `    close(fd);`,
      `    printf("${t} into the file\\n");`, `    fflush(stdout);`, `    dup2(saved, 1);`, `    close(saved);`,
      `    char b[64];`, `    fd = open("fr${n}.txt", O_RDONLY);`, `    long k = read(fd, b, sizeof b);`, `    close(fd);`, `    printf("file held %ld bytes\\n", k);`, `}`],
    body: [],
    tail: [],
  };
}

const MAX_DEPTH = 2;

function blocks(g: Gen, depth: number, count: number): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < count; i++) {
    const r = g.rng;
    const kinds = depth < MAX_DEPTH ? 9 : 5;
    switch (r.int(kinds)) {
      case 0: out.push(printBlock(g, depth)); break;
      case 1: out.push(fileBlock(g)); break;
      case 2: out.push(pipeBlock(g)); break;
      case 3: out.push(signalBlock(g)); break;
      case 4: out.push(redirectBlock(g)); break;
      case 5: out.push(forkBlock(g, depth)); break;
      case 6: out.push(forkPipeBlock(g, depth)); break;
      case 7: out.push(blockedChildBlock(g)); break;
      default: out.push(execBlock(g));
    }
  }
  return out;
}

/** A random program from its seed. */
export function generate(seed: number): FuzzProgram {
  const g: Gen = { rng: new Rng(seed), id: 0 };
  const first = printBlock(g, 0);
  return { seed, blocks: [first, ...blocks(g, 0, g.rng.int(5) + 2)] };
}
