/* socketpair(2) (AF_UNIX, SOCK_STREAM): two connected ends on the lowest free descriptors,
   both ways; across fork; shutdown(SHUT_WR) gives the other end EOF while it can still
   write back; closing one end gives EOF after the data, and writing to an end whose peer
   is gone (or shut its reading side) fails at once with EPIPE and raises SIGPIPE (ignored
   here, so the program sees the errno). socketpair of AF_INET is EOPNOTSUPP. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>

static int sigpipes;
static void onpipe(int sig) { (void)sig; sigpipes++; }

int main(void)
{
    int sv[2];
    signal(SIGPIPE, onpipe);
    int r = socketpair(AF_INET, SOCK_STREAM, 0, sv);
    printf("socketpair AF_INET=%d %s\n", r, strerror(errno));
    r = socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    printf("socketpair=%d fds %d %d\n", r, sv[0], sv[1]);
    char buf[64];
    write(sv[0], "ping", 4);
    long n = read(sv[1], buf, sizeof buf);
    printf("read %ld: %.*s\n", n, (int)n, buf);
    write(sv[1], "pong", 4);
    n = read(sv[0], buf, sizeof buf);
    printf("read %ld: %.*s\n", n, (int)n, buf);
    fflush(stdout);

    pid_t pid = fork();
    if (pid == 0) {
        close(sv[0]);
        n = read(sv[1], buf, sizeof buf);
        write(sv[1], buf, n);
        write(sv[1], " back", 5);
        close(sv[1]);
        _exit(0);
    }
    close(sv[1]);
    write(sv[0], "to the child", 12);
    shutdown(sv[0], SHUT_WR);
    long total = 0;
    while ((n = read(sv[0], buf + total, sizeof buf - total)) > 0)
        total += n;
    printf("got %ld: %.*s, then read=%ld\n", total, (int)total, buf, n);
    waitpid(pid, NULL, 0);
    r = write(sv[0], "x", 1);
    printf("write after the peer closed=%d %s sigpipes=%d\n", r, strerror(errno), sigpipes);
    close(sv[0]);

    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    write(sv[0], "unread", 6);
    shutdown(sv[1], SHUT_RD);
    r = write(sv[0], "y", 1);
    printf("write to a peer that shut reading=%d %s sigpipes=%d\n", r, strerror(errno), sigpipes);
    n = read(sv[1], buf, sizeof buf);
    printf("shut reader still reads %ld, then %ld\n", n, read(sv[1], buf, sizeof buf));
    close(sv[0]);
    close(sv[1]);
    return 0;
}
