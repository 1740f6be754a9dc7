/* UDP on 127.0.0.1 (udp(7), sendto(2), recvfrom(2)): each sendto is one datagram and each
   recvfrom takes one whole, with its sender; a short buffer gets the start and the rest of
   that datagram is gone; an empty datagram reads as 0. sendto without an address on an
   unconnected socket is EDESTADDRREQ; binding a taken port is EADDRINUSE (a TCP socket may
   hold the same number); listen is EOPNOTSUPP. connect() sets the default peer for
   send/recv/write/read; loopback's "port unreachable" makes the next call on a connected
   socket fail with ECONNREFUSED. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static void at(struct sockaddr_in *a, int port)
{
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    a->sin_port = htons(port);
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}

static int port_of(int fd)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &len);
    return ntohs(a.sin_port);
}

int main(void)
{
    int srv = socket(AF_INET, SOCK_DGRAM, 0);
    int cli = socket(AF_INET, SOCK_DGRAM, 0);
    printf("socket=%d socket=%d\n", srv, cli);
    struct sockaddr_in addr;
    at(&addr, 0);
    int r = bind(srv, (struct sockaddr *)&addr, sizeof addr);
    int port = port_of(srv);
    printf("bind=%d to an ephemeral port: %d\n", r, port > 1024);
    at(&addr, port);
    int other = socket(AF_INET, SOCK_DGRAM, 0);
    r = bind(other, (struct sockaddr *)&addr, sizeof addr);
    printf("bind a taken port=%d %s\n", r, strerror(errno));
    int tcp = socket(AF_INET, SOCK_STREAM, 0);
    r = bind(tcp, (struct sockaddr *)&addr, sizeof addr);
    printf("a TCP socket on the same number=%d\n", r);
    close(tcp);
    r = listen(srv, 5);
    printf("listen=%d %s\n", r, strerror(errno));
    r = send(cli, "x", 1, 0);
    printf("send unconnected=%d %s\n", r, strerror(errno));

    r = sendto(cli, "first datagram", 14, 0, (struct sockaddr *)&addr, sizeof addr);
    printf("sendto=%d\n", r);
    sendto(cli, "second, a longer one", 20, 0, (struct sockaddr *)&addr, sizeof addr);
    sendto(cli, "", 0, 0, (struct sockaddr *)&addr, sizeof addr);
    sendto(cli, "third", 5, 0, (struct sockaddr *)&addr, sizeof addr);
    char buf[64];
    struct sockaddr_in from;
    socklen_t len = sizeof from;
    long n = recvfrom(srv, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
    printf("recvfrom=%ld %.*s len=%d from the client's port: %d\n", n, (int)n, buf, (int)len, ntohs(from.sin_port) == port_of(cli));
    n = recvfrom(srv, buf, 6, 0, NULL, NULL);
    printf("recvfrom into 6 bytes=%ld %.*s\n", n, (int)n, buf);
    n = recv(srv, buf, sizeof buf, 0);
    printf("empty datagram=%ld\n", n);
    n = read(srv, buf, sizeof buf);
    printf("read=%ld %.*s\n", n, (int)n, buf);
    fcntl(srv, F_SETFL, O_NONBLOCK);
    n = recv(srv, buf, sizeof buf, 0);
    printf("nothing left=%ld %s\n", n, strerror(errno));

    r = connect(cli, (struct sockaddr *)&addr, sizeof addr);
    printf("connect=%d\n", r);
    r = write(cli, "by write", 8);
    n = read(srv, buf, sizeof buf);
    printf("write=%d, server read %ld %.*s\n", r, n, (int)n, buf);
    struct sockaddr_in cliaddr;
    at(&cliaddr, port_of(cli));
    sendto(srv, "reply", 5, 0, (struct sockaddr *)&cliaddr, sizeof cliaddr);
    n = recv(cli, buf, sizeof buf, 0);
    printf("client got %ld %.*s\n", n, (int)n, buf);
    len = sizeof from;
    r = getpeername(cli, (struct sockaddr *)&from, &len);
    printf("getpeername=%d port matches=%d\n", r, ntohs(from.sin_port) == port);

    close(srv);
    r = send(cli, "anyone?", 7, 0);
    printf("send to a closed port=%d\n", r);
    n = recv(cli, buf, sizeof buf, 0);
    printf("then recv=%ld %s\n", n, strerror(errno));
    close(cli);
    close(other);
    return 0;
}
