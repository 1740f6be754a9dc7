/* A pipe is 16 pages of 4096 bytes, filled as Linux's pipe_write fills them: a write whose
 * tail (its length modulo 4096) fits in the last page joins it there, the rest takes whole
 * new pages while one is free. So how much a pipe takes depends on the writes: 64 writes of
 * 1000 bytes fill it at 64000 (four to a page), 5000-byte writes at 54096, 4097-byte ones at
 * 45066, and only whole pages make 65536. A write of at most PIPE_BUF (4096) bytes goes in
 * whole or not at all, and select calls a pipe writable only with a page free: a byte read
 * from a full pipe makes no room for another. */
#include <stdio.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <string.h>
#include <sys/select.h>

static char buf[65536];

/* Write chunks of `size` bytes without blocking until the pipe takes no more. */
static long fill(int fd, int size) {
    long total = 0;
    ssize_t n;
    while ((n = write(fd, buf, size)) > 0)
        total += n;
    return total;
}

static int writable(int fd) {
    fd_set w;
    struct timeval now = { 0, 0 };
    FD_ZERO(&w);
    FD_SET(fd, &w);
    return select(fd + 1, NULL, &w, NULL, &now);
}

int main(void) {
    int sizes[] = { 1000, 5000, 4097, 4096 };
    memset(buf, 'p', sizeof buf);
    for (int i = 0; i < 4; i++) {
        int p[2];
        pipe2(p, O_NONBLOCK);
        long took = fill(p[1], sizes[i]);
        printf("writes of %d: the pipe took %ld bytes\n", sizes[i], took);
        ssize_t n = write(p[1], buf, 96);
        printf("  96 more bytes: %zd\n", n);
        n = write(p[1], buf, 1);
        printf("  one more byte: %zd\n", n);
        char c;
        read(p[0], &c, 1);
        int w = writable(p[1]);
        n = write(p[1], buf, 1);
        printf("  after a byte is read: writable %d, a byte: %zd\n", w, n);
        read(p[0], buf, 4095);
        w = writable(p[1]);
        n = write(p[1], buf, 4096);
        printf("  after a page is read: writable %d, 4096 bytes: %zd\n", w, n);
        close(p[0]);
        close(p[1]);
    }
    return 0;
}
