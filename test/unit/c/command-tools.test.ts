// The built-in commands beyond echo, cat and wc (sort, uniq, head, tail, tr, grep, ls, true,
// false, sleep, sh) and system(), popen() and pclose() on top of sh: each program's output in
// the model must equal the same C compiled with cc and run on Linux (coreutils, GNU grep, dash).
import { strict as assert } from "node:assert";
import { COMMAND_NAMES } from "../../../src/c/command-names";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMMANDS, SYSTEM_INCLUDES } from "../../../src/c/commands";
import { compile, run, same } from "./helpers";

const HEAD = `#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
`;

/** A parent that runs each argv (C initializers) in a child via execvp and prints its status. */
const runAll = (...argvs: string[]) => `${HEAD}
static void run(char *const argv[]) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) { execvp(argv[0], argv); _exit(127); }
  int st;
  waitpid(pid, &st, 0);
  printf("[%s: %d]\\n", argv[0], WEXITSTATUS(st));
}
int main(void) {
${argvs.map((a, i) => `  char *a${i}[] = {${a}, NULL};\n  run(a${i});`).join("\n")}
  return 0;
}
`;

const files = {
  "fruits.txt": "banana\napple\ncherry\napple\n10\n9\nApple pie\n",
  "b.txt": "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\n",
  "dup.txt": "a\na\nb\nc\nc\nc\na\n",
};

describe("built-in commands: sort, uniq, head, tail, tr, grep, ls, sh", function () {
  this.timeout(120000);

  it("every name exec finds in /bin has code, and every command is named", () => {
    assert.deepEqual([...COMMAND_NAMES].sort(), Object.keys(COMMANDS).sort());
  });

  it("sort orders bytes, -r reverses, -n compares numbers, -u drops equal keys, -f folds case", async () => {
    await same(runAll(`"sort", "fruits.txt"`, `"sort", "-r", "fruits.txt"`, `"sort", "-n", "fruits.txt"`, `"sort", "-u", "dup.txt"`,
      `"sort", "-f", "fruits.txt"`, `"sort", "nope.txt"`), files);
    await same(runAll(`"sort"`), files, "b\na\nc\n");
  });

  it("uniq collapses adjacent lines; -c counts, -d keeps repeated, -u keeps single ones", async () => {
    await same(runAll(`"uniq", "dup.txt"`, `"uniq", "-c", "dup.txt"`, `"uniq", "-d", "dup.txt"`, `"uniq", "-u", "dup.txt"`), files);
  });

  it("head and tail: default 10 lines, -n N, -N, +N from the start, headers for several files", async () => {
    await same(runAll(`"head", "b.txt"`, `"head", "-n", "3", "b.txt"`, `"head", "-2", "b.txt", "dup.txt"`, `"tail", "b.txt"`,
      `"tail", "-n", "2", "b.txt"`, `"tail", "-n", "+11", "b.txt"`, `"tail", "-n", "1", "b.txt", "dup.txt"`, `"head", "nope"`), files);
    await same(runAll(`"head", "-n", "1"`), files, "first\nsecond\n");
  });

  it("tr maps ranges and classes, -d deletes, -s squeezes", async () => {
    await same(runAll(`"tr", "a-z", "A-Z"`), files, "hello, world\n");
    await same(runAll(`"tr", "[:lower:]", "[:upper:]"`), files, "mixed Case 123\n");
    await same(runAll(`"tr", "-d", "aeiou"`), files, "education is fun\n");
    await same(runAll(`"tr", "-s", " "`), files, "a   lot    of     space\n");
    await same(runAll(`"tr", "abc", "x"`), files, "aabbcc\n");
  });

  it("grep matches basic regular expressions; -v -i -c -n; file names for several files; exit 0, 1 or 2", async () => {
    await same(runAll(`"grep", "an", "fruits.txt"`, `"grep", "-n", "^a", "fruits.txt"`, `"grep", "-i", "APPLE", "fruits.txt"`,
      `"grep", "-c", "p*le$", "fruits.txt"`, `"grep", "-v", "[0-9]", "fruits.txt"`, `"grep", "e", "fruits.txt", "dup.txt"`,
      `"grep", "zzz", "fruits.txt"`, `"grep", "x", "nope.txt"`, `"grep", "-q", "cherry", "fruits.txt"`, `"grep", "^c.*y$", "fruits.txt"`), files);
  });

  it("ls lists named files in order, and fails with 2 for a missing one; true and false; sleep checks its operand", async () => {
    await same(runAll(`"ls", "fruits.txt", "b.txt", "dup.txt"`, `"ls", "missing.txt"`, `"true"`, `"false"`, `"sleep", "0"`, `"sleep", "x"`), files);
  });

  it("rm removes files; a missing one is status 1 unless -f; a directory needs -r, which takes what is in it", async () => {
    const src = `${HEAD}
#include <sys/stat.h>
#include <fcntl.h>
static void run(char *const argv[]) {
  pid_t pid = fork();
  if (pid == 0) { execvp(argv[0], argv); _exit(127); }
  int st;
  waitpid(pid, &st, 0);
  printf("%d ", WEXITSTATUS(st));
}
int main(void) {
  mkdir("d", 0755);
  mkdir("d/e", 0755);
  close(open("d/e/f", O_CREAT | O_WRONLY, 0644));
  char *a[] = { "rm", "fruits.txt", NULL }, *b[] = { "rm", "fruits.txt", NULL }, *c[] = { "rm", "-f", "fruits.txt", NULL };
  char *d[] = { "rm", "d", NULL }, *e[] = { "rm", "-r", "d", "b.txt", NULL }, *f[] = { "rm", NULL }, *g[] = { "rm", "-f", NULL };
  run(a); run(b); run(c); run(d); run(e); run(f); run(g);
  printf("| %d %d %d\\n", access("d", F_OK), access("b.txt", F_OK), access("dup.txt", F_OK));
  return 0;
}
`;
    assert.equal(await same(src, files), "0 1 0 1 0 1 0 | -1 -1 0\n");
  });

  it("sh -c: pipelines, redirections, && || ; and $?, quotes and variables, exit status", async () => {
    await same(runAll(
      `"sh", "-c", "sort fruits.txt | uniq -c | sort -rn | head -n 3"`,
      `"sh", "-c", "grep an fruits.txt > out.txt; cat out.txt; wc -l < out.txt"`,
      `"sh", "-c", "false || echo after false $?; true && echo after true $?"`,
      `"sh", "-c", "echo 'single  quoted' \\"double $0\\" a\\\\ b"`,
      `"sh", "-c", "nosuchcommand 2>/dev/null; echo status $?"`,
      `"sh", "-c", "echo one >> log.txt; echo two >> log.txt; cat log.txt"`,
      `"sh", "-c", "exit 7"`,
      `"sh", "-c", "cat nope.txt 2>&1 | wc -l"`,
    ), files);
  });

  it("sh's echo is its own command, as dash's: -n, \\c, \\t and \\0nnn escapes, one write, no child, redirections made and undone in the shell", async () => {
    const src = `${HEAD}
int main(void) {
  fflush(stdout);
  system("echo -n a; echo 'x\\\\ty\\\\c'; echo \\" z\\"; echo -e q; echo '\\\\0101\\\\\\\\'; echo one > /dev/null; echo two; echo three >&7; echo $?");
  return 0;
}
`;
    assert.equal(await same(src), "ax\ty z\n-e q\nA\\\ntwo\n2\n");
    const r = await run(src);
    const children = r.session.machine.trace.filter((e) => e.call === "fork").length;
    assert.equal(children, 1, "system's sh only: echo > /dev/null runs in the shell, as dash's does");
    const sh = r.session.machine.trace.filter((e) => e.pid !== r.session.mainPid && e.call === "write" && e.args[0] === 2).map((e) => e.buf);
    assert.deepEqual(sh, ["sh: 1: ", "7: Bad file descriptor", "\n"], "dash's message for a bad descriptor, in its three writes");
  });

  it("system() returns the shell's wait status; popen reads a command's output and pclose its status", async () => {
    const src = `${HEAD}
int main(void) {
  int st = system("sort -r fruits.txt | head -n 2");
  printf("system: exited %d status %d\\n", WIFEXITED(st), WEXITSTATUS(st));
  st = system("exit 3");
  printf("system(exit 3): %d\\n", WEXITSTATUS(st));
  printf("system(NULL) = %d\\n", system(NULL) != 0);
  FILE *p = popen("grep -c a fruits.txt", "r");
  char line[64];
  while (fgets(line, sizeof line, p)) printf("popen read: %s", line);
  st = pclose(p);
  printf("pclose: %d\\n", WEXITSTATUS(st));
  p = popen("tr a-z A-Z", "w");
  fprintf(p, "to the child\\n");
  st = pclose(p);
  printf("pclose(w): %d\\n", WEXITSTATUS(st));
  return 0;
}
`;
    const out = await same(src, files);
    assert.match(out, /pclose\(w\): 0/);
    const m = await run(src, { files });
    assert.ok(m.session.trace.some((e) => e.call === "execve" && e.args[0] === "/bin/sh"), "system ran /bin/sh");
  });

  it("every built-in command's C source compiles without an error", async () => {
    for (const [name, src] of Object.entries(COMMANDS)) {
      const { diagnostics } = await compile(SYSTEM_INCLUDES + src, `<${name}>`);
      assert.deepEqual(diagnostics.filter((d) => d.severity === "error").map((d) => `${d.line}: ${d.message}`), [], name);
    }
  });

  it("ls -l of a directory writes 'total N' and a newline first, as GNU ls does, empty or not", async () => {
    const src = `${HEAD}
int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (fork() == 0) { execlp("ls", "ls", "-l", argv[i], (char *)NULL); _exit(127); }
    wait(NULL);
  }
  return 0;
}
`;
    const ls = async (dir: string, fs: Record<string, string>) => (await run(src, { files: fs, argv: [dir] })).stdout;
    // An empty directory: the model's folder with no files; GNU ls in a fresh empty directory.
    const empty = mkdtempSync(join(tmpdir(), "forklab-ls-"));
    try {
      const gnu = spawnSync("ls", ["-l", empty], { env: { ...process.env, LC_ALL: "C" } }).stdout.toString("latin1");
      assert.equal(gnu, "total 0\n");
      assert.equal(await ls(".", {}), gnu);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    // Not empty: 1 KiB units of 4 KiB blocks (a 3-byte file and a directory take 4 each), then one line per entry.
    const out = await ls("top", { "top/a.txt": "hi\n", "top/sub/b.txt": "x".repeat(5000) });
    assert.match(out, /^total 8\n-rw-r--r-- 1 learner learner 3 .* a\.txt\ndrwxr-xr-x 2 learner learner 4096 .* sub\n$/);
  });

  it("exec of a program the model lacks fails with ENOENT and a note saying what exists", async () => {
    const m = await run(runAll(`"nosuchprogram", "x"`));
    assert.match(m.stdout, /\[nosuchprogram: 127\]/);
    assert.ok(m.diagnostics.some((d) => /no program 'nosuchprogram'.*built-in commands.*sort.*nosuchprogram\.c next to your program/.test(d)), m.diagnostics.join("\n"));
  });
});
