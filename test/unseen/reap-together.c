/*
 * reap-together.c - an echo server whose children all leave at the same moment.
 * The SIGCHLD handler reaps in a loop: a SIGCHLD that arrives while the handler runs
 * stays pending and is delivered as soon as the handler returns, so no zombie is left,
 * even though the parent then sleeps in accept.
 */
#include "csapp.h"

static void reap_all(int sig)
{
    int saved = errno;
    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
    errno = saved;
}

static void serve(int fd)
{
    char line[MAXLINE];
    ssize_t n;

    while ((n = read(fd, line, sizeof line)) > 0)
        Rio_writen(fd, line, n);
}

int main(int argc, char **argv)
{
    int lfd = Open_listenfd(argc > 1 ? argv[1] : "15213");

    Signal(SIGCHLD, reap_all);
    for (;;) {
        int cfd = Accept(lfd, NULL, NULL);
        if (Fork() == 0) {
            Close(lfd);
            serve(cfd);
            exit(0);
        }
        Close(cfd);
    }
}
