/*
 * echo-iterative.c - MISTAKE: serves one client at a time in the one
 * process, so a second client waits until the first leaves (fails concurrent).
 * Usage: echo-iterative <port>
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
        echo(connfd); /* one client at a time: the next waits until this one leaves */
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
