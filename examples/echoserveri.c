/*
 * echoserveri.c - an iterative echo server: it serves one client at a
 * time; a second client waits in the listen queue until the first leaves.
 * Usage: echoserveri <port>   (stop it with Ctrl-C or kill)
 */
#include "csapp.h"

void echo(int connfd);

int main(int argc, char **argv)
{
    int listenfd, connfd;
    socklen_t clientlen;
    struct sockaddr_storage clientaddr;
    char host[MAXLINE], port[MAXLINE];

    if (argc != 2) {
        fprintf(stderr, "usage: %s <port>\n", argv[0]);
        exit(0);
    }
    listenfd = Open_listenfd(argv[1]);
    while (1) {
        clientlen = sizeof(struct sockaddr_storage);
        connfd = Accept(listenfd, (SA *)&clientaddr, &clientlen);
        Getnameinfo((SA *)&clientaddr, clientlen, host, MAXLINE,
                    port, MAXLINE, NI_NUMERICHOST | NI_NUMERICSERV);
        printf("connected to %s\n", host); /* the port is ephemeral */
        fflush(stdout);
        echo(connfd);
        Close(connfd);
    }
}

/* Send back each line the client sends, until the client closes. */
void echo(int connfd)
{
    size_t n;
    char buf[MAXLINE];
    rio_t rio;

    Rio_readinitb(&rio, connfd);
    while ((n = Rio_readlineb(&rio, buf, MAXLINE)) != 0) {
        printf("server received %d bytes\n", (int)n);
        fflush(stdout);
        Rio_writen(connfd, buf, n);
    }
}
