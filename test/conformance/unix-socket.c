/* AF_UNIX stream sockets bound to a path (unix(7), bind(2), connect(2)): bind makes a socket
   file (stat says S_IFSOCK, open says ENXIO) and binding an existing name is EADDRINUSE;
   connecting to a missing name is ENOENT, to a name nobody listens on ECONNREFUSED; listen on
   an unnamed socket is EINVAL; accept gives the client's unnamed address (length 2);
   getsockname gives the path; bytes flow both ways and EOF follows close; the name outlives
   the socket until unlink. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/stat.h>
#include <sys/wait.h>

static void name(struct sockaddr_un *a, const char *path)
{
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    strcpy(a->sun_path, path);
}

int main(void)
{
    unlink("cf_sock");
    struct sockaddr_un addr;
    name(&addr, "cf_sock");
    struct sockaddr *sa = (struct sockaddr *)&addr;
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    int u = socket(AF_UNIX, SOCK_STREAM, 0);
    printf("socket=%d socket=%d\n", l, u);
    int r = listen(u, 5);
    printf("listen unnamed=%d %s\n", r, strerror(errno));
    r = connect(u, sa, sizeof addr);
    printf("connect to a missing name=%d %s\n", r, strerror(errno));
    r = bind(l, sa, sizeof addr);
    printf("bind=%d\n", r);
    struct stat sb;
    r = stat("cf_sock", &sb);
    printf("stat=%d S_ISSOCK=%d mode=%o\n", r, S_ISSOCK(sb.st_mode), sb.st_mode & 0777);
    int fd = open("cf_sock", O_RDONLY);
    printf("open a socket file=%d %s\n", fd, strerror(errno));
    r = connect(u, sa, sizeof addr);
    printf("connect before listen=%d %s\n", r, strerror(errno));
    r = bind(u, sa, sizeof addr);
    printf("bind a taken name=%d %s\n", r, strerror(errno));
    r = bind(l, sa, sizeof addr);
    printf("bind twice=%d %s\n", r, strerror(errno));
    struct sockaddr_un other;
    name(&other, "cf_other");
    r = bind(l, (struct sockaddr *)&other, sizeof other);
    printf("bind a bound socket elsewhere=%d %s\n", r, strerror(errno));
    r = listen(l, 5);
    printf("listen=%d\n", r);
    struct sockaddr_un got;
    socklen_t len = sizeof got;
    r = getsockname(l, (struct sockaddr *)&got, &len);
    printf("getsockname=%d len=%d path=%s\n", r, (int)len, got.sun_path);
    fflush(stdout);

    pid_t pid = fork();
    if (pid == 0) {
        int c = socket(AF_UNIX, SOCK_STREAM, 0);
        if (connect(c, sa, sizeof addr) < 0)
            _exit(1);
        write(c, "hello from the child", 20);
        char buf[64];
        long n = read(c, buf, sizeof buf);
        close(c);
        _exit((int)n);
    }
    len = sizeof got;
    memset(&got, 'x', sizeof got);
    int c = accept(l, (struct sockaddr *)&got, &len);
    printf("accept=%d len=%d family=%d\n", c, (int)len, got.sun_family);
    len = sizeof got;
    r = getpeername(c, (struct sockaddr *)&got, &len);
    printf("getpeername=%d len=%d\n", r, (int)len);
    len = sizeof got;
    r = getsockname(c, (struct sockaddr *)&got, &len);
    printf("accepted socket's name=%d len=%d path=%s\n", r, (int)len, got.sun_path);
    char buf[64];
    long n = read(c, buf, sizeof buf);
    printf("read %ld: %.*s\n", n, (int)n, buf);
    write(c, "hi child", 8);
    n = read(c, buf, sizeof buf);
    printf("then read=%ld (EOF)\n", n);
    int status;
    waitpid(pid, &status, 0);
    printf("child read %d bytes\n", WEXITSTATUS(status));
    close(c);
    close(l);
    r = connect(u, sa, sizeof addr);
    printf("connect after the listener closed=%d %s\n", r, strerror(errno));
    r = unlink("cf_sock");
    printf("unlink=%d\n", r);
    r = connect(u, sa, sizeof addr);
    printf("connect after unlink=%d %s\n", r, strerror(errno));
    close(u);
    return 0;
}
