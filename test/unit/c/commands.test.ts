// exec of the built-in commands echo, cat and wc: the model's output must equal the same C
// program compiled with cc and run on Linux (coreutils' echo, cat and wc), stdout a pipe.
import { strict as assert } from "node:assert";
import { compile, run, same } from "./helpers";

const HEAD = `#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
`;

/** A parent that runs one command (argv as a C initializer) in a child and reports its status. */
const runOne = (argv: string, call = "execvp") => `${HEAD}
int main(void) {
  char *args[] = {${argv}, NULL};
  pid_t pid = fork();
  if (pid == 0) { ${call}(args[0], args${call === "execve" ? ", NULL" : ""}); perror("exec"); exit(127); }
  int status;
  waitpid(pid, &status, 0);
  printf("status %d\\n", WEXITSTATUS(status));
  return 0;
}
`;

describe("exec of built-in commands", function () {
  this.timeout(60000);

  it("echo | wc through a pipe: dup2 onto 1 and 0, EOF once both write ends close, wc pads to 7 for a pipe", async () => {
    const src = `${HEAD}
int main(void) {
  int fd[2];
  pipe(fd);
  if (fork() == 0) {
    dup2(fd[1], 1); close(fd[0]); close(fd[1]);
    char *args[] = {"echo", "hello", "pipe", "world", NULL};
    execvp("echo", args);
    perror("execvp"); exit(1);
  }
  if (fork() == 0) {
    dup2(fd[0], 0); close(fd[0]); close(fd[1]);
    char *args[] = {"wc", NULL};
    execvp("wc", args);
    perror("execvp"); exit(1);
  }
  close(fd[0]); close(fd[1]);
  int status, n = 0;
  while (wait(&status) > 0) n++;
  printf("reaped %d\\n", n);
  return 0;
}
`;
    const out = await same(src);
    assert.equal(out, "      1       3      17\nreaped 2\n");
    const m = await run(src);
    // The exec'd children show under the commands' names, and both ran through the kernel.
    const calls = m.session.trace.map((e) => e.call);
    assert.ok(calls.filter((c) => c === "execve").length === 2);
    assert.ok(m.session.trace.some((e) => e.call === "read" && e.args[0] === 0 && e.ret === 0), "wc read EOF on the pipe");
  });

  it("echo joins its arguments with spaces; -n drops the newline; /bin/echo by path with execve", async () => {
    assert.equal(await same(runOne(`"echo", "a", "b  c", ""`)), "a b  c \nstatus 0\n");
    assert.equal(await same(runOne(`"echo", "-n", "no", "newline"`)), "no newlinestatus 0\n");
    assert.equal(await same(runOne(`"/bin/echo", "-x", "-n"`, "execve")), "-x -n\nstatus 0\n");
  });

  it("cat copies stdin, named files and '-' in order; a missing file makes it exit 1 after the rest", async () => {
    const files = { "a.txt": "first file\n", "b.txt": "second\nfile\n" };
    assert.equal(await same(runOne(`"cat"`), files, "from stdin\n"), "from stdin\nstatus 0\n");
    assert.equal(await same(runOne(`"cat", "a.txt", "-", "b.txt"`), files, "middle\n"), "first file\nmiddle\nsecond\nfile\nstatus 0\n");
    assert.equal(await same(runOne(`"cat", "nope.txt", "a.txt"`), files), "first file\nstatus 1\n");
  });

  it("cat -n numbers lines on across files, -b only non-empty ones, -E marks ends, -s squeezes empty runs, -A shows ^I and ^X", async () => {
    const files = { "gaps.txt": "\n\nx\n\n\n\ny", "z.txt": "z\n" };
    assert.equal(await same(runOne(`"cat", "-n", "gaps.txt", "z.txt"`), files),
      "     1\t\n     2\t\n     3\tx\n     4\t\n     5\t\n     6\t\n     7\tyz\nstatus 0\n");
    assert.equal(await same(runOne(`"cat", "gaps.txt", "-bE", "z.txt"`), files), "$\n$\n     1\tx$\n$\n$\n$\n     2\tyz$\nstatus 0\n");
    assert.equal(await same(runOne(`"cat", "-sn", "-", "gaps.txt"`), files, "a\n\n\n"),
      "     1\ta\n     2\t\n     3\tx\n     4\t\n     5\tystatus 0\n");
    assert.equal(await same(runOne(`"cat", "-u", "--", "-n"`), { "-n": "dash\n" }), "dash\nstatus 0\n");
    assert.equal(await same(runOne(`"cat", "-A", "ctl.txt"`), { "ctl.txt": "a\tb\x01\x7f\n" }), "a^Ib^A^?$\nstatus 0\n");
    assert.equal(await same(runOne(`"cat", "-t", "-v", "ctl.txt", "-Q"`), { "ctl.txt": "x\ty\n" }), "status 1\n");
  });

  it("wc counts lines, words and bytes: width of the files' total size, a total line, -l/-w/-c alone unpadded", async () => {
    const files = { "f1": "hello world\nfoo\n", "f2": "a b c" };
    assert.equal(await same(runOne(`"wc", "f1"`), files), " 2  3 16 f1\nstatus 0\n");
    assert.equal(await same(runOne(`"wc", "f1", "f2"`), files), " 2  3 16 f1\n 0  3  5 f2\n 2  6 21 total\nstatus 0\n");
    assert.equal(await same(runOne(`"wc", "-l"`), files, "one\ntwo\n"), "2\nstatus 0\n");
    assert.equal(await same(runOne(`"wc", "-c", "f1", "f2"`), files), "16 f1\n 5 f2\n21 total\nstatus 0\n");
    assert.equal(await same(runOne(`"wc", "-lw", "-"`), files, "  two words \n\n"), "      2       2 -\nstatus 0\n");
    assert.equal(await same(runOne(`"wc", "f1", "missing"`), files), " 2  3 16 f1\n 2  3 16 total\nstatus 1\n");
  });

  it("a NAME.c next to the program wins over the built-in command", async () => {
    // As the host loader does: exec looks for echo.c in the program's folder first.
    const mine = (await compile(`#include <stdio.h>\nint main(int argc, char **argv) { printf("my echo of %s\\n", argv[1]); return 3; }\n`, "echo.c")).program;
    const m = await run(runOne(`"echo", "x"`), {}, { loadProgram: (n) => (n === "echo" ? mine : undefined) });
    assert.equal(m.stdout, "my echo of x\nstatus 3\n");
  });
});
