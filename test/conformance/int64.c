/* 64-bit integers: unsigned long wraps at 2^64, hashes and generators give gcc's numbers,
   shifts, unsigned division and conversions keep every bit, printf's %lu %ld %llx %lo print
   the whole value; 8-byte values cross a pipe to a child bit for bit, and the child's exit
   status is the low byte of one. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <limits.h>
#include <unistd.h>
#include <sys/wait.h>

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t xorshift(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *state = x;
}

int main(void)
{
    uint64_t vals[4];
    uint64_t st = 2463534242ULL;
    vals[0] = fnv1a("fork");
    vals[1] = xorshift(&st) * xorshift(&st);
    vals[2] = ULONG_MAX / 3 + (1UL << 63);
    vals[3] = (uint64_t)LONG_MIN >> 1;
    printf("parent: %lu %llx %lo %ld\n", vals[0], (unsigned long long)vals[1], vals[2], (long)vals[3]);
    printf("limits: %ld %lu %lld\n", LONG_MIN, ULONG_MAX, LLONG_MAX);
    fflush(stdout);

    int fd[2];
    if (pipe(fd) < 0) { perror("pipe"); return 1; }
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[1]);
        uint64_t got[4];
        ssize_t n = read(fd[0], got, sizeof got);
        uint64_t sum = 0;
        for (int i = 0; i < 4; i++) sum += got[i];
        printf("child: read %zd bytes, sum %lu, top bits %lx\n", n, sum, sum >> 40);
        exit((int)(sum & 0xff));
    }
    close(fd[0]);
    ssize_t w = write(fd[1], vals, sizeof vals);
    close(fd[1]);
    int status;
    waitpid(pid, &status, 0);
    uint64_t total = vals[0] + vals[1] + vals[2] + vals[3];
    printf("parent: wrote %zd, child exited %d, expected %lu\n", w, WEXITSTATUS(status), total & 0xff);
    return 0;
}
