// Cancellation state is each thread's own: fork gives the child a copy (as glibc's fork
// copies the struct pthread), so a change on one side is not seen on the other.
import { strict as assert } from "node:assert";
import { run } from "./helpers";

describe("pthread cancellation state", () => {
  it("fork copies the calling thread's cancelability; each side then changes its own", async () => {
    const r = await run(`#include <stdio.h>
#include <pthread.h>
#include <unistd.h>
#include <sys/wait.h>
int main(void) {
    int old;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
    pid_t p = fork();
    if (p == 0) {
        pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
        printf("child: was disabled %d\\n", old);
        fflush(stdout);
        _exit(0);
    }
    waitpid(p, NULL, 0);
    pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
    printf("parent: was disabled %d\\n", old);
    return 0;
}
`);
    assert.equal(r.stdout, "child: was disabled 1\nparent: was disabled 1\n");
  });
});
