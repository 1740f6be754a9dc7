/*
 * echoservert-pre.c - a bounded thread pool: NTHREADS workers take
 * connected descriptors from a queue of SLOTS entries. At most NTHREADS
 * clients are served at once; others wait their turn.
 * Usage: echoservert-pre <port>   (stop it with Ctrl-C or kill)
 */
#include "csapp.h"

#define NTHREADS 2
#define SLOTS 4

int queue[SLOTS];        /* a ring of connected descriptors */
int head = 0, tail = 0;  /* take at head, put at tail */
sem_t mutex, slots, items;

void echo(int connfd);

void *worker(void *vargp)
{
    (void)vargp;
    Pthread_detach(Pthread_self());
    while (1) {
        P(&items);                       /* wait for a descriptor */
        P(&mutex);
        int connfd = queue[head++ % SLOTS];
        V(&mutex);
        V(&slots);                       /* one more free slot */
        echo(connfd);
        Close(connfd);
    }
}

int main(int argc, char **argv)
{
    int listenfd, connfd, i;
    pthread_t tid;

    if (argc != 2) {
        fprintf(stderr, "usage: %s <port>\n", argv[0]);
        exit(0);
    }
    Sem_init(&mutex, 0, 1);
    Sem_init(&slots, 0, SLOTS);
    Sem_init(&items, 0, 0);
    listenfd = Open_listenfd(argv[1]);
    for (i = 0; i < NTHREADS; i++)
        Pthread_create(&tid, NULL, worker, NULL);
    while (1) {
        connfd = Accept(listenfd, NULL, NULL);
        P(&slots);                       /* wait while the queue is full */
        P(&mutex);
        queue[tail++ % SLOTS] = connfd;
        V(&mutex);
        V(&items);
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
