/*
 * echoservers.c - one process serves many clients with select():
 * it waits until the listening socket or any connected socket is ready,
 * then does the one read or accept that will not block. One read, not
 * Rio_readlineb: select promises that a single read will not block, and
 * readlineb may read again for the rest of a line; a client that sends
 * half a line would then block the server and every other client.
 * Usage: echoservers <port>   (stop it with Ctrl-C or kill)
 */
#include "csapp.h"

int main(int argc, char **argv)
{
    int listenfd, connfd, fd, maxfd;
    char buf[MAXLINE];
    fd_set active, ready;          /* descriptors we watch / ones ready now */

    if (argc != 2) {
        fprintf(stderr, "usage: %s <port>\n", argv[0]);
        exit(0);
    }
    listenfd = Open_listenfd(argv[1]);
    FD_ZERO(&active);
    FD_SET(listenfd, &active);
    maxfd = listenfd;

    while (1) {
        ready = active;
        Select(maxfd + 1, &ready, NULL, NULL, NULL);

        if (FD_ISSET(listenfd, &ready)) {   /* a new client is waiting */
            connfd = Accept(listenfd, NULL, NULL);
            FD_SET(connfd, &active);
            if (connfd > maxfd)
                maxfd = connfd;
        }
        for (fd = listenfd + 1; fd <= maxfd; fd++) {
            if (!FD_ISSET(fd, &ready))
                continue;
            ssize_t n = read(fd, buf, MAXLINE); /* whatever has arrived */
            if (n <= 0) {                  /* EOF (or an error): this client is done */
                Close(fd);
                FD_CLR(fd, &active);
                continue;
            }
            printf("server received %d bytes on fd %d\n", (int)n, fd);
            fflush(stdout);
            Rio_writen(fd, buf, n);        /* echo exactly what came */
        }
    }
}
