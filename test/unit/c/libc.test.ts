// Library calls added for the examples, against what glibc on Linux does.
import { strict as assert } from "node:assert";
import { run } from "./helpers";

describe("libc additions", function () {
  this.timeout(30000);

  it("perror on an unused stderr that is a terminal writes through fdopen(dup(2), \"w+\"), then closes the dup; once stderr is used, to it", async () => {
    // strace on a pty (script -qc): dup(2) = 3, fcntl(3, F_GETFL) = O_RDWR, newfstatat(3),
    // write(3, "close: Bad file descriptor\n", 27), close(3); then write(2, ...) once used.
    const r = await run(`#include <stdio.h>
#include <unistd.h>
int main(void) {
  close(42);
  perror("close");
  fputs("used\\n", stderr);
  close(43);
  perror("again");
  return 0;
}
`, { stdout: "tty" });
    const calls = r.session.trace.filter((e) => e.call !== "exit").map((e) => `${e.call}(${e.args.join(", ")}) = ${e.ret}`);
    assert.deepEqual(calls, [
      "close(42) = -1", "dup(2) = 3", "fcntl(3, 3) = 2", "write(3, 27) = 27", "close(3) = 0",
      "write(2, 5) = 5", "close(43) = -1", "write(2, 27) = 27",
    ]);
  });

  it("atexit handlers run at exit, last registered first, before stdio is flushed; _exit skips them", async () => {
    const r = await run(`#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
void first(void) { printf("first\\n"); }
void second(void) { printf("second\\n"); }
int main(void) {
  atexit(first);
  atexit(second);
  if (fork() == 0) { printf("child\\n"); fflush(stdout); _exit(0); }
  printf("main returns\\n");
  return 0;
}
`);
    // The child's _exit runs no handler (it inherited both); the parent's return runs both.
    assert.equal(r.stdout, "child\nmain returns\nsecond\nfirst\n");
  });

  it("mmap MAP_SHARED|MAP_ANONYMOUS is one memory after fork; MAP_PRIVATE is copied", async () => {
    const r = await run(`#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
int main(void) {
  int *sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  int *pr = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  *sh = 1; *pr = 1;
  if (fork() == 0) { *sh = 7; *pr = 7; exit(0); }
  wait(NULL);
  printf("%d %d\\n", *sh, *pr);
  return munmap(sh, 4096);
}
`);
    assert.equal(r.stdout, "7 1\n");
    assert.equal(r.session.mainStatus, 0);
  });

  it("pthread_mutex_trylock gives EBUSY while the mutex is held and 0 once it is free", async () => {
    const r = await run(`#include <stdio.h>
#include <pthread.h>
#include <errno.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int main(void) {
  pthread_mutex_lock(&m);
  int busy = pthread_mutex_trylock(&m) == EBUSY;
  pthread_mutex_unlock(&m);
  printf("%d %d\\n", busy, pthread_mutex_trylock(&m));
  return 0;
}
`);
    assert.equal(r.stdout, "1 0\n");
  });
});
