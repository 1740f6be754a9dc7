/*
 * echo-reaponce.c - MISTAKE: the SIGCHLD handler reaps one child per signal; when
 * several children end at the same moment their signals merge into one and
 * the others stay zombies (fails reaps).
 * Usage: echo-reaponce <port>
 */
#include "csapp.h"

void echo(int connfd);

void sigchld_handler(int sig)
{
    int olderrno = errno;
    waitpid(-1, NULL, 0); /* one child per signal */
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
        if (rio_writen(connfd, buf, n) != n)
            break;
}
