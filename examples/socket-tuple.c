/*
 * socket-tuple.c - a listening socket only accepts; each accept returns a
 * new connected socket. A connection is named by its 5-tuple (protocol,
 * local address and port, remote address and port): the server's port is
 * the fixed one we chose and tell clients (argv[1]); the client's is an
 * ephemeral one the kernel picked, on Linux from
 * net.ipv4.ip_local_port_range (32768-60999 by default). Well-known ports,
 * such as 80 for HTTP, are 0-1023. Data flows in two queues, one each way.
 * Usage: socket-tuple <port>
 */
#include "csapp.h"

int main(int argc, char **argv)
{
    int listenfd, connfd, clientfd;
    struct sockaddr_in srv_local, srv_peer, cli_local;
    socklen_t len;
    char buf[16];

    if (argc != 2) {
        fprintf(stderr, "usage: %s <port>\n", argv[0]);
        exit(0);
    }
    listenfd = Open_listenfd(argv[1]);
    if (Fork() == 0) {             /* the child is the client */
        Close(listenfd);
        clientfd = Open_clientfd("127.0.0.1", argv[1]);
        Rio_writen(clientfd, "ping", 4);   /* client -> server queue */
        Rio_readn(clientfd, buf, 4);       /* server -> client queue */
        len = sizeof(cli_local);
        getsockname(clientfd, (SA *)&cli_local, &len);
        Rio_writen(clientfd, &cli_local.sin_port, sizeof(cli_local.sin_port));
        exit(0);
    }
    connfd = Accept(listenfd, NULL, NULL);
    printf("listenfd %d listens; accept returned a new socket, connfd %d\n",
           listenfd, connfd);
    Rio_readn(connfd, buf, 4);
    Rio_writen(connfd, "pong", 4);
    len = sizeof(srv_local);
    getsockname(connfd, (SA *)&srv_local, &len);
    len = sizeof(srv_peer);
    getpeername(connfd, (SA *)&srv_peer, &len);
    Rio_readn(connfd, &cli_local.sin_port, sizeof(cli_local.sin_port));
    printf("server end: local port %s the server's chosen port %s\n",
           ntohs(srv_local.sin_port) == atoi(argv[1]) ? "is" : "is not", argv[1]);
    printf("remote port seen by the server %s the client's own local port\n",
           srv_peer.sin_port == cli_local.sin_port ? "equals" : "differs from");
    printf("client's port is in Linux's default ephemeral range 32768-60999: %s\n",
           ntohs(cli_local.sin_port) >= 32768 && ntohs(cli_local.sin_port) <= 60999 ? "yes" : "no");
    Wait(NULL);
    exit(0);
}
