/*
 * echo-resetcrash.c - MISTAKE: one process serves every client with select,
 * and reads through a wrapper that ends the whole program on any error; a
 * client that resets its connection makes read fail with ECONNRESET and takes
 * the server down for everyone (fails survives-reset).
 * Usage: echo-resetcrash <port>
 */
#include "csapp.h"

int main(int argc, char **argv)
{
    int listenfd, connfd, fd, maxfd;
    ssize_t n;
    char buf[MAXLINE];
    fd_set all, ready;

    if (argc != 2) {
        fprintf(stderr, "usage: %s <port>\n", argv[0]);
        exit(1);
    }
    listenfd = Open_listenfd(argv[1]);
    FD_ZERO(&all);
    FD_SET(listenfd, &all);
    maxfd = listenfd;
    while (1) {
        ready = all;
        Select(maxfd + 1, &ready, NULL, NULL, NULL);
        if (FD_ISSET(listenfd, &ready)) {
            connfd = Accept(listenfd, NULL, NULL);
            FD_SET(connfd, &all);
            if (connfd > maxfd)
                maxfd = connfd;
        }
        for (fd = 0; fd <= maxfd; fd++) {
            if (fd == listenfd || !FD_ISSET(fd, &ready))
                continue;
            n = Read(fd, buf, MAXLINE); /* exits the server on ECONNRESET */
            if (n == 0) {
                Close(fd);
                FD_CLR(fd, &all);
            } else {
                Rio_writen(fd, buf, n);
            }
        }
    }
}
