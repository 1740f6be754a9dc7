/*
 * echo-starter.c - your turn: an echo server that serves one client at a
 * time. Make it serve many clients at once: fork a child per client, let
 * each side close the descriptors it does not use, and reap every child
 * with a SIGCHLD handler (one signal may stand for several children).
 * Check it with the "Fork Lab checks" in the Test Explorer, or with
 *   forklab check echo-starter.c
 * Usage: echo-starter <port>
 */
#include "csapp.h"

void echo(int connfd);

int main(int argc, char **argv)
{
    int listenfd, connfd;
    socklen_t clientlen;
    struct sockaddr_storage clientaddr;

    if (argc != 2) {
        fprintf(stderr, "usage: %s <port>\n", argv[0]);
        exit(1);
    }
    listenfd = Open_listenfd(argv[1]);
    while (1) {
        clientlen = sizeof(struct sockaddr_storage);
        connfd = Accept(listenfd, (SA *)&clientaddr, &clientlen);
        echo(connfd); /* the next client waits until this one leaves */
        Close(connfd);
    }
}

/* Each line back to the client until it closes, or until the connection fails. */
void echo(int connfd)
{
    ssize_t n;
    char buf[MAXLINE];
    rio_t rio;

    rio_readinitb(&rio, connfd);
    while ((n = rio_readlineb(&rio, buf, MAXLINE)) > 0)
        if (rio_writen(connfd, buf, n) != n)
            break;
}
