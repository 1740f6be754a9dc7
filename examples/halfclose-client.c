/*
 * halfclose-client.c - a client that sends one line, reads its echo, then
 * half-closes (shutdown SHUT_WR: "I will send no more") and waits for the
 * server to close its end, as a client must when the server answers only
 * after the whole request. Run against echoserverp-noclose it waits in
 * vain: the server's parent still holds the connection. An alarm ends the
 * wait after a second (the handler is installed without SA_RESTART, so
 * read returns -1 with EINTR).
 * Usage: halfclose-client <host> <port>
 */
#include "csapp.h"

void on_alarm(int sig) { }        /* only to interrupt read */

int main(int argc, char **argv)
{
    int clientfd;
    char buf[MAXLINE];
    struct sigaction sa;
    ssize_t n;

    if (argc != 3) {
        fprintf(stderr, "usage: %s <host> <port>\n", argv[0]);
        exit(0);
    }
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;                /* no SA_RESTART: read is interrupted */
    sigaction(SIGALRM, &sa, NULL);

    clientfd = Open_clientfd(argv[1], argv[2]);
    Rio_writen(clientfd, "ping\n", 5);
    n = Read(clientfd, buf, sizeof(buf));
    printf("client: the echo came back (%d bytes)\n", (int)n);
    shutdown(clientfd, SHUT_WR);    /* half-close: the server's read returns 0 */

    alarm(1);
    n = read(clientfd, buf, sizeof(buf));
    if (n == 0)
        printf("client: end of file: the server closed the connection\n");
    else if (n < 0 && errno == EINTR)
        printf("client: no end of file after 1 s: the server still holds the connection\n");
    Close(clientfd);
    exit(0);
}
