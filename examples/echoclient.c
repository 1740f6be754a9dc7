/*
 * echoclient.c - send each line of stdin to an echo server and print
 * what comes back.  Usage: echoclient <host> <port>
 */
#include "csapp.h"

int main(int argc, char **argv)
{
    int clientfd;
    char buf[MAXLINE];
    rio_t rio;

    if (argc != 3) {
        fprintf(stderr, "usage: %s <host> <port>\n", argv[0]);
        exit(0);
    }
    clientfd = Open_clientfd(argv[1], argv[2]);
    Rio_readinitb(&rio, clientfd);

    while (Fgets(buf, MAXLINE, stdin) != NULL) {
        Rio_writen(clientfd, buf, strlen(buf));
        if (Rio_readlineb(&rio, buf, MAXLINE) == 0)
            break; /* the server closed early */
        Fputs(buf, stdout);
    }
    Close(clientfd); /* the server sees EOF */
    exit(0);
}
