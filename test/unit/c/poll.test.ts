// poll(2) as Linux reports each kind of descriptor (pipes, AF_UNIX and TCP sockets, a closed
// or negative descriptor), a timeout that passes, and a poll that waits until a child writes.
// Compared with a cc-compiled run.
import { strict as assert } from "node:assert";
import { same } from "./helpers";

describe("poll", function () {
  this.timeout(60000);

  it("reports events, hang-ups and errors as Linux does, and waits for a child's write", async () => {
    const out = await same(`#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>

static void show(const char *what, struct pollfd *p, int n, int timeout) {
    int r = poll(p, n, timeout);
    printf("%s: %d", what, r);
    for (int i = 0; i < n; i++) printf(" %#x", p[i].revents);
    printf("\\n");
}

int main(void) {
    int p[2], sv[2];
    pipe(p);
    struct pollfd pp[2] = {{p[0], POLLIN, 7}, {p[1], POLLOUT, 7}};
    show("empty pipe", pp, 2, 0);
    write(p[1], "ab", 2);
    show("bytes in pipe", pp, 2, 0);
    close(p[1]);
    pp[1].fd = -1;
    show("writer gone, bytes left", pp, 2, 0);
    char b[4];
    read(p[0], b, sizeof b);
    show("writer gone, empty", pp, 1, 0);
    pipe(p);
    close(p[0]);
    struct pollfd w = { p[1], POLLOUT, 0 };
    show("reader gone", &w, 1, 0);
    close(p[1]);
    show("closed fd", &w, 1, 0);
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    struct pollfd sp[2] = {{sv[0], POLLIN | POLLOUT, 0}, {sv[1], POLLIN, 0}};
    show("pair", sp, 2, 0);
    shutdown(sv[1], SHUT_WR);
    show("peer shut writing", sp, 1, 0);
    shutdown(sv[0], SHUT_WR);
    show("both shut", sp, 1, 0);
    close(sv[1]);
    show("peer closed", sp, 1, 0);
    struct pollfd t = { socket(AF_INET, SOCK_STREAM, 0), POLLIN | POLLOUT, 0 };
    show("fresh tcp", &t, 1, 0);
    pipe(p);
    pp[0].fd = p[0];
    pp[0].events = POLLIN;
    show("timeout", pp, 1, 50);
    if (fork() == 0) {
        write(p[1], "x", 1);
        exit(0);
    }
    show("child wrote", pp, 1, -1);
    wait(NULL);
    return 0;
}
`);
    assert.match(out, /writer gone, empty: 1 0x10\n/);
    assert.match(out, /child wrote: 1 0x1\n/);
  });
});
