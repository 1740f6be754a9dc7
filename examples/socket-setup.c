/*
 * socket-setup.c - what Open_listenfd and Open_clientfd do, one call at a
 * time. socket() makes an endpoint; bind() gives it a local address;
 * listen() turns it into a listening socket with a queue for connection
 * requests (the backlog); connect() from a client asks for a connection,
 * which the kernel completes by itself; accept() hands it over as a new,
 * connected socket. A listening socket carries no data.
 * Usage: socket-setup <port>
 */
#include "csapp.h"

int main(int argc, char **argv)
{
    int listenfd, connfd, clientfd, low, one = 1;
    struct sockaddr_in addr;
    char buf[16];
    ssize_t n;

    if (argc != 2) {
        fprintf(stderr, "usage: %s <port>\n", argv[0]);
        exit(0);
    }
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_port = htons(atoi(argv[1]));
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);

    listenfd = socket(AF_INET, SOCK_STREAM, 0);   /* no address yet */
    setsockopt(listenfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    bind(listenfd, (SA *)&addr, sizeof(addr));    /* 127.0.0.1:port */
    listen(listenfd, 1);                          /* backlog: 1 */
    if (read(listenfd, buf, 1) < 0 && errno == ENOTCONN)
        printf("read on the listening socket fails: ENOTCONN\n");
    fflush(stdout);

    if (Fork() == 0) {                            /* the client */
        clientfd = socket(AF_INET, SOCK_STREAM, 0);
        connect(clientfd, (SA *)&addr, sizeof(addr));
        Rio_writen(clientfd, "hi\n", 3);
        shutdown(clientfd, SHUT_WR);              /* no more from me */
        n = read(clientfd, buf, sizeof(buf));     /* 0 once the server closes */
        printf("client: read returned %d: the server closed\n", (int)n);
        exit(0);
    }
    connfd = accept(listenfd, NULL, NULL);        /* a new socket */
    n = read(connfd, buf, sizeof(buf));
    printf("server: accept returned %d; read %d bytes from it\n", connfd, (int)n);
    fflush(stdout);
    Close(connfd);                                /* the client's read returns 0 */
    Wait(NULL);

    /* Ports below 1024 are privileged on Linux (by default: see
     * net.ipv4.ip_unprivileged_port_start). Root may bind them, so drop it. */
    if (getuid() == 0 && setuid(65534) < 0)
        unix_error("setuid");
    addr.sin_port = htons(80);
    low = socket(AF_INET, SOCK_STREAM, 0);
    if (bind(low, (SA *)&addr, sizeof(addr)) < 0 && errno == EACCES)
        printf("bind to port 80 without root fails: EACCES\n");
    exit(0);
}
