/*
 * echo-nonewline.c - MISTAKE: each line goes back without its newline, so a client
 * waiting for a whole line never gets one (fails echo).
 * Usage: echo-nonewline <port>
 */
#include "csapp.h"

void echo(int connfd);

void sigchld_handler(int sig)
{
    int olderrno = errno;
    while (waitpid(-1, NULL, WNOHANG) > 0)
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
        exit(1);
    }
    Signal(SIGCHLD, sigchld_handler);
    listenfd = Open_listenfd(argv[1]);
    while (1) {
        clientlen = sizeof(struct sockaddr_storage);
        connfd = Accept(listenfd, (SA *)&clientaddr, &clientlen);
        if (Fork() == 0) {
            Close(listenfd);
            echo(connfd);
            Close(connfd);
            exit(0);
        }
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
        if (rio_writen(connfd, buf, n - 1) != n - 1) /* drops the newline */
            break;
}
