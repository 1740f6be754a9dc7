// Socket calls course programs make besides the connection itself: getsockopt (what
// setsockopt set, the socket's type, a pending error, whether it listens), writev and readv
// (one call each: the gathered bytes go as one write, a read is spread over the buffers),
// and inet_aton/inet_addr, which read an address in every form glibc takes ("127.1", hex,
// octal) and inet_addr("localhost") fails. Compared with a cc-compiled run.
import { strict as assert } from "node:assert";
import { same } from "./helpers";

describe("socket calls: getsockopt, writev/readv, inet_aton", function () {
  this.timeout(60000);

  it("reads back socket options with getsockopt", async () => {
    const out = await same(`#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static void show(int fd, int opt, const char *name) {
    int v = -1;
    socklen_t len = sizeof v;
    int r = getsockopt(fd, SOL_SOCKET, opt, &v, &len);
    printf("%s: %d value %d len %u\\n", name, r, v, (unsigned)len);
}

int main(void) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    show(s, SO_REUSEADDR, "reuseaddr");
    int one = 5;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
    show(s, SO_REUSEADDR, "reuseaddr set");
    show(s, SO_KEEPALIVE, "keepalive set");
    show(s, SO_TYPE, "type stream");
    show(u, SO_TYPE, "type dgram");
    show(s, SO_ERROR, "error");
    show(s, SO_ACCEPTCONN, "acceptconn");
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, (struct sockaddr *)&a, sizeof a);
    listen(s, 1);
    show(s, SO_ACCEPTCONN, "acceptconn listening");
    char small;
    socklen_t len = 1;
    printf("short buffer %d len %u\\n", getsockopt(s, SOL_SOCKET, SO_TYPE, &small, &len), (unsigned)len);
    int v, p[2];
    pipe(p);
    len = sizeof v;
    int r = getsockopt(p[0], SOL_SOCKET, SO_TYPE, &v, &len);
    printf("not a socket %d %s\\n", r, strerror(errno));
    close(s);
    close(u);
    return 0;
}
`);
    assert.match(out, /reuseaddr set: 0 value 1 len 4/);
    assert.match(out, /type dgram: 0 value 2 len 4/);
  });

  it("SO_RCVBUF and SO_SNDBUF: each socket's default, and socket(7)'s rule for a value set (doubled, at least the minimum)", async () => {
    // Values under net.core.rmem_max and wmem_max (212992 by default, larger on some
    // machines), so that Linux's answer is the same on every machine.
    const out = await same(`#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/socket.h>
#include <netinet/in.h>

static void show(int fd, const char *what) {
    int r, s;
    socklen_t len = sizeof r;
    getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &r, &len);
    len = sizeof s;
    getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &s, &len);
    printf("%s: rcvbuf %d sndbuf %d\\n", what, r, s);
}

int main(void) {
    int tcp = socket(AF_INET, SOCK_STREAM, 0), udp = socket(AF_INET, SOCK_DGRAM, 0), sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    show(tcp, "tcp");
    show(udp, "udp");
    show(sv[0], "unix");
    int asked[] = { 0, 1, 1152, 1153, 2304, 2305, 4096, 65536, 106496 };
    for (int i = 0; i < 9; i++) {
        int v = asked[i];
        int r = setsockopt(tcp, SOL_SOCKET, SO_RCVBUF, &v, sizeof v);
        int s = setsockopt(tcp, SOL_SOCKET, SO_SNDBUF, &v, sizeof v);
        char what[40];
        snprintf(what, sizeof what, "set %d (%d %d)", v, r, s);
        show(tcp, what);
    }
    long wide = 3000;
    setsockopt(udp, SOL_SOCKET, SO_RCVBUF, &wide, sizeof wide);
    show(udp, "a long's first int");
    char c = 100;
    int r = setsockopt(udp, SOL_SOCKET, SO_SNDBUF, &c, sizeof c);
    printf("optlen 1: %d %s\\n", r, strerror(errno));
    r = setsockopt(tcp, IPPROTO_TCP, 1, &c, sizeof c);
    printf("TCP level, optlen 1: %d %s\\n", r, strerror(errno));
    show(udp, "unchanged");
    return 0;
}
`);
    assert.match(out, /^tcp: rcvbuf 131072 sndbuf 16384$/m);
    assert.match(out, /^set 1 \(0 0\): rcvbuf 2304 sndbuf 4608$/m);
    assert.match(out, /^set 65536 \(0 0\): rcvbuf 131072 sndbuf 131072$/m);
    assert.match(out, /^optlen 1: -1 Invalid argument$/m);
  });

  it("gathers with writev and scatters with readv, one call each", async () => {
    const out = await same(`#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/uio.h>
#include <sys/socket.h>

int main(void) {
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    char h[] = "HEAD", b[] = "body-bytes", t[] = "!";
    struct iovec out[3] = {{h, 4}, {b, 10}, {t, 1}};
    printf("writev %zd\\n", writev(sv[0], out, 3));
    char x[3], y[5], z[20];
    memset(z, 0, sizeof z);
    struct iovec in[3] = {{x, 3}, {y, 5}, {z, sizeof z}};
    ssize_t n = readv(sv[1], in, 3);
    printf("readv %zd [%.3s] [%.5s] [%s]\\n", n, x, y, z);
    write(sv[0], "ab", 2);
    n = readv(sv[1], in, 3);
    printf("short readv %zd [%.2s]\\n", n, x);
    printf("bad count %zd\\n", writev(sv[0], out, -1));
    close(sv[0]);
    printf("eof %zd\\n", readv(sv[1], in, 3));
    struct iovec lines[2] = {{"to ", 3}, {"stdout\\n", 7}};
    fflush(stdout);
    writev(1, lines, 2);
    return 0;
}
`);
    assert.match(out, /readv 15 \[HEA\] \[Dbody\] \[-bytes!\]/);
    assert.match(out, /to stdout\n/);
  });

  it("reads addresses as inet_aton does, in inet_aton and inet_addr", async () => {
    const out = await same(`#include <stdio.h>
#include <arpa/inet.h>
#include <netinet/in.h>

int main(void) {
    const char *s[] = {"127.0.0.1", "127.1", "10.65535", "0x7f.1", "010.0.0.1", "4294967295", "1.2.3.4 junk",
                       "256.1.1.1", "1.2.3.4.5", "localhost", "", "1..2", "0x", "1.2.3.", "08.1.1.1"};
    for (int i = 0; i < 15; i++) {
        struct in_addr a = { 0 };
        int ok = inet_aton(s[i], &a);
        printf("[%s] aton %d -> %08x, addr %08x\\n", s[i], ok, ntohl(a.s_addr), ntohl(inet_addr(s[i])));
    }
    return 0;
}
`);
    assert.match(out, /\[127\.1\] aton 1 -> 7f000001/);
    assert.match(out, /\[localhost\] aton 0 -> 00000000, addr ffffffff/);
  });

  it("honours recv's and send's flags: MSG_PEEK, MSG_DONTWAIT, MSG_WAITALL, MSG_NOSIGNAL", async () => {
    const out = await same(`#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>

int main(void) {
    int sv[2];
    char buf[16];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    ssize_t n = recv(sv[0], buf, sizeof buf, MSG_DONTWAIT);
    printf("dontwait empty %zd %s\\n", n, strerror(errno));
    pid_t pid = fork();
    if (pid == 0) {
        send(sv[1], "abc", 3, 0);
        usleep(1000);
        send(sv[1], "defgh", 5, 0);
        exit(0);
    }
    n = recv(sv[0], buf, sizeof buf, MSG_PEEK);
    printf("peek %zd %.3s\\n", n, buf);
    n = recv(sv[0], buf, 8, MSG_WAITALL);
    printf("waitall %zd %.8s\\n", n, buf);
    waitpid(pid, NULL, 0);
    close(sv[1]);
    n = send(sv[0], "x", 1, MSG_NOSIGNAL);
    printf("nosignal %zd %s\\n", n, strerror(errno));
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = {0};
    socklen_t len = sizeof a;
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(u, (struct sockaddr *)&a, sizeof a);
    getsockname(u, (struct sockaddr *)&a, &len);
    sendto(u, "one", 3, 0, (struct sockaddr *)&a, sizeof a);
    sendto(u, "two", 3, 0, (struct sockaddr *)&a, sizeof a);
    n = recv(u, buf, sizeof buf, MSG_PEEK);
    printf("udp peek %zd %.3s\\n", n, buf);
    n = recv(u, buf, sizeof buf, 0);
    printf("udp %zd %.3s\\n", n, buf);
    n = recv(u, buf, sizeof buf, 0);
    printf("udp %zd %.3s\\n", n, buf);
    n = recv(u, buf, sizeof buf, MSG_DONTWAIT);
    printf("udp dontwait %zd %s\\n", n, strerror(errno));
    return 0;
}
`);
    assert.match(out, /waitall 8 abcdefgh\nnosignal -1 Broken pipe\n/);
  });

  it("accept4 sets SOCK_NONBLOCK and SOCK_CLOEXEC on the new descriptor", async () => {
    const out = await same(`#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

int main(void) {
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(lfd, (struct sockaddr *)&a, sizeof a);
    listen(lfd, 2);
    socklen_t len = sizeof a;
    getsockname(lfd, (struct sockaddr *)&a, &len);
    int c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK);
    printf("nobody yet %d %s\\n", c, strerror(errno));
    printf("bad flags %d %s\\n", accept4(lfd, NULL, NULL, 1), strerror(errno));
    int cl = socket(AF_INET, SOCK_STREAM, 0);
    connect(cl, (struct sockaddr *)&a, sizeof a);
    cl = socket(AF_INET, SOCK_STREAM, 0);
    connect(cl, (struct sockaddr *)&a, sizeof a);
    c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    printf("nonblock %d cloexec %d\\n", (fcntl(c, F_GETFL) & O_NONBLOCK) != 0, (fcntl(c, F_GETFD) & FD_CLOEXEC) != 0);
    c = accept4(lfd, NULL, NULL, 0);
    printf("plain: nonblock %d cloexec %d\\n", (fcntl(c, F_GETFL) & O_NONBLOCK) != 0, (fcntl(c, F_GETFD) & FD_CLOEXEC) != 0);
    return 0;
}
`);
    assert.match(out, /nonblock 1 cloexec 1\nplain: nonblock 0 cloexec 0\n/);
  });
});
