/*
 * echoserverp-wait.c - forks a child per client but then waits for it:
 * the parent is blocked in waitpid while the child serves, so clients
 * are still served one at a time.
 * Usage: echoserverp-wait <port>   (stop it with Ctrl-C or kill)
 */
#include "csapp.h"

void echo(int connfd);

int main(int argc, char **argv)
{
    int listenfd, connfd;
    pid_t pid;
    socklen_t clientlen;
    struct sockaddr_storage clientaddr;

    if (argc != 2) {
        fprintf(stderr, "usage: %s <port>\n", argv[0]);
        exit(0);
    }
    listenfd = Open_listenfd(argv[1]);
    while (1) {
        clientlen = sizeof(struct sockaddr_storage);
        connfd = Accept(listenfd, (SA *)&clientaddr, &clientlen);
        if ((pid = Fork()) == 0) {
            Close(listenfd); /* the child does not accept */
            echo(connfd);    /* serve this client */
            Close(connfd);   /* done with the connection */
            exit(0);         /* the child ends here */
        }
        Close(connfd); /* the parent's copy: the child has its own */
        Waitpid(pid, NULL, 0); /* BUG for concurrency: wait for this client */
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
