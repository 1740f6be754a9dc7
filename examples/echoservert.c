/*
 * echoservert.c - a thread per client. Threads share the address space
 * and the descriptor table, so each thread must get its own copy of
 * connfd, and nobody forks.
 * Usage: echoservert <port>   (stop it with Ctrl-C or kill)
 */
#include "csapp.h"

void echo(int connfd);
void *serve(void *vargp);

int main(int argc, char **argv)
{
    int listenfd, *connfdp;
    pthread_t tid;

    if (argc != 2) {
        fprintf(stderr, "usage: %s <port>\n", argv[0]);
        exit(0);
    }
    listenfd = Open_listenfd(argv[1]);
    while (1) {
        connfdp = Malloc(sizeof(int)); /* not a local: the next accept would overwrite it */
        *connfdp = Accept(listenfd, NULL, NULL);
        Pthread_create(&tid, NULL, serve, connfdp);
    }
}

void *serve(void *vargp)
{
    int connfd = *((int *)vargp);

    Pthread_detach(Pthread_self()); /* nobody joins: free my resources at exit */
    Free(vargp);
    echo(connfd);
    Close(connfd); /* one shared table: the main thread must not close it */
    return NULL;
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
