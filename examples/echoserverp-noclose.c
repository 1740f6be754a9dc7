/*
 * echoserverp-noclose.c - the forking echo server with one line missing:
 * the parent never closes its copy of connfd. Each connection stays open
 * in the parent, so clients never see EOF and descriptors pile up.
 * Usage: echoserverp-noclose <port>   (stop it with Ctrl-C or kill)
 */
#include "csapp.h"

void echo(int connfd);

/* Reap every child that has exited: one SIGCHLD may stand for several. */
void sigchld_handler(int sig)
{
    int olderrno = errno;
    while (waitpid(-1, 0, WNOHANG) > 0)
        ;
    errno = olderrno;
}

int main(int argc, char **argv)
{
    int listenfd, connfd;
    socklen_t clientlen;
    struct sockaddr_storage clientaddr;

    if (argc != 2) {
        fprintf(stderr, "usage: %s <port>\n", argv[0]);
        exit(0);
    }
    Signal(SIGCHLD, sigchld_handler);
    listenfd = Open_listenfd(argv[1]);
    while (1) {
        clientlen = sizeof(struct sockaddr_storage);
        connfd = Accept(listenfd, (SA *)&clientaddr, &clientlen);
        if (Fork() == 0) {
            Close(listenfd); /* the child does not accept */
            echo(connfd);    /* serve this client */
            Close(connfd);   /* done with the connection */
            exit(0);         /* the child ends here */
        }
        /* BUG: the parent forgets Close(connfd) */
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
        Rio_writen(connfd, buf, n);
    }
}
