// Where a pending signal is delivered: on the return from a handler, on the way back to user
// mode from any call, and instead of sleeping in a blocking call. Programs whose output on
// Linux is fixed are also compiled and run for real (`same`); the echo server's reaping is
// checked over many interleavings, since no single schedule shows the lost wakeup.
import { strict as assert } from "node:assert";
import { run, same } from "../c/helpers";
import { Scenario } from "../../../src/contract/scenario";

const server = (reap: string) => `#include "csapp.h"

void sigchld_handler(int sig)
{
    int olderrno = errno;
    ${reap}
    errno = olderrno;
}

int main(int argc, char **argv)
{
    int listenfd, connfd;
    char buf[MAXLINE];
    ssize_t n;

    Signal(SIGCHLD, sigchld_handler);
    listenfd = Open_listenfd(argv[1]);
    while (1) {
        connfd = Accept(listenfd, NULL, NULL);
        if (Fork() == 0) {
            Close(listenfd);
            while ((n = read(connfd, buf, MAXLINE)) > 0)
                Rio_writen(connfd, buf, n);
            exit(0);
        }
        Close(connfd);
    }
}
`;

/** Three clients that each send a line, then all close at the same moment. */
const together: Scenario = {
  argv: ["15213"],
  clients: ["a", "b", "c"].map((line) => ({ actions: [{ send: line }, { close: true, group: "all" }] })),
};

async function zombiesLeft(src: string, seed: number): Promise<number> {
  const r = await run(src, together, { policy: "random", seed });
  assert.match(r.ended, /blocked: \d+ in accept/, "the server ends waiting for the next client");
  return r.session.snapshot().processes.filter((p) => p.state === "zombie").length;
}

const SEEDS = Array.from({ length: 24 }, (_, i) => i + 1);

describe("signal delivery: a pending signal runs at the next point Linux delivers it", function () {
  this.timeout(120000);

  it("a reaping loop in the SIGCHLD handler leaves no zombie when clients leave together (every interleaving tried)", async () => {
    const src = server("while (waitpid(-1, NULL, WNOHANG) > 0)\n        ;");
    for (const seed of SEEDS) assert.equal(await zombiesLeft(src, seed), 0, `seed ${seed}: a SIGCHLD that arrived while the handler ran was not delivered when it returned`);
  });

  it("one waitpid per SIGCHLD still loses children, since standard signals merge", async () => {
    const src = server("if (waitpid(-1, NULL, 0) > 0)\n        ;");
    const left = [];
    for (const seed of SEEDS) left.push(await zombiesLeft(src, seed));
    assert.ok(left.some((n) => n > 0), "some interleaving merges two SIGCHLDs into one");
    assert.ok(left.every((n) => n <= 2), "each SIGCHLD handled reaps one child");
  });

  it("a signal that became pending inside its own handler runs on sigreturn, before the restarted read blocks", async () => {
    const out = await same(`#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

volatile sig_atomic_t count = 0;

void handler(int sig) {
    write(1, "handler\\n", 8);
    if (++count == 1) kill(getpid(), SIGUSR1);
}

int main(void) {
    int fd[2];
    char c;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    pipe(fd);
    if (fork() == 0) {
        kill(getppid(), SIGUSR1);
        sleep(1);
        write(1, "child writes\\n", 13);
        write(fd[1], "x", 1);
        _exit(0);
    }
    ssize_t n = read(fd[0], &c, 1);
    printf("read %zd, handler ran %d times\\n", n, (int)count);
    return 0;
}
`);
    assert.equal(out, "handler\nhandler\nchild writes\nread 1, handler ran 2 times\n");
  });

  it("a signal sent to oneself runs before kill returns, and an unblocked one before sigprocmask returns", async () => {
    const out = await same(`#include <signal.h>
#include <stdio.h>
#include <unistd.h>

void handler(int sig) { printf("handler %d\\n", sig); }

int main(void) {
    sigset_t set;
    signal(SIGUSR1, handler);
    kill(getpid(), SIGUSR1), printf("after kill\\n");
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    kill(getpid(), SIGUSR1), printf("blocked\\n");
    sigprocmask(SIG_UNBLOCK, &set, NULL), printf("after unblock\\n");
    return 0;
}
`);
    assert.equal(out, "handler 10\nafter kill\nblocked\nhandler 10\nafter unblock\n");
  });
});
