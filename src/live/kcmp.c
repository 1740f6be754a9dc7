/*
 * kcmp.c - Fork Lab's helper that tells which descriptors share one open file
 * description, using the kernel's own answer: kcmp(2) with KCMP_FILE.
 *
 * Built with cc on first use and kept in a cache directory. It runs as a co-process:
 *   start:    prints "ok" when kcmp works here, else "no <errno> <reason>" and exits.
 *   request:  one line "N pid1 fd1 pid2 fd2 ... pidN fdN"
 *   answer:   one line of N class numbers; equal numbers = the same open file
 *             description; -1 = that descriptor is gone (closed or the process exited).
 * Sorting with kcmp's order (it compares the kernel's struct file pointers) keeps a
 * group of n descriptors at O(n log n) system calls.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/kcmp.h>

struct desc {
    long pid, fd;
    int index; /* position in the request */
    int class;
};

static long same_file(long pid1, long fd1, long pid2, long fd2)
{
    return syscall(SYS_kcmp, pid1, pid2, KCMP_FILE, fd1, fd2);
}

/* kcmp answers 0 (equal), 1 (less), 2 (greater); anything else orders by pid and fd. */
static int by_file(const void *a, const void *b)
{
    const struct desc *x = a, *y = b;
    long r = same_file(x->pid, x->fd, y->pid, y->fd);
    if (r == 0) return 0;
    if (r == 1) return -1;
    if (r == 2) return 1;
    if (x->pid != y->pid) return x->pid < y->pid ? -1 : 1;
    return x->fd < y->fd ? -1 : x->fd > y->fd;
}

static int by_index(const void *a, const void *b)
{
    return ((const struct desc *)a)->index - ((const struct desc *)b)->index;
}

static void classify(struct desc *d, int n)
{
    int live = 0, class = -1;
    /* Drop descriptors that no longer exist, so the sort sees a consistent order. */
    for (int i = 0; i < n; i++) {
        d[i].class = -1;
        if (same_file(d[i].pid, d[i].fd, d[i].pid, d[i].fd) == 0) {
            struct desc t = d[live];
            d[live++] = d[i];
            d[i] = t;
        }
    }
    qsort(d, live, sizeof *d, by_file);
    for (int i = 0; i < live; i++) {
        if (i == 0 || by_file(&d[i - 1], &d[i]) != 0) class++;
        d[i].class = class;
    }
    qsort(d, n, sizeof *d, by_index);
}

int main(void)
{
    char *line = NULL;
    size_t cap = 0;

    if (same_file(getpid(), 0, getpid(), 0) != 0) {
        int e = errno;
        printf("no %d %s\n", e, strerror(e));
        return 0;
    }
    printf("ok\n");
    fflush(stdout);
    while (getline(&line, &cap, stdin) > 0) {
        char *p = line, *end;
        long n = strtol(p, &end, 10);
        if (end == p || n < 0 || n > 1000000) {
            printf("error\n");
            fflush(stdout);
            continue;
        }
        struct desc *d = calloc(n ? n : 1, sizeof *d);
        if (!d) return 1;
        p = end;
        for (int i = 0; i < n; i++) {
            d[i].pid = strtol(p, &p, 10);
            d[i].fd = strtol(p, &p, 10);
            d[i].index = i;
        }
        classify(d, n);
        for (int i = 0; i < n; i++) printf(i ? " %d" : "%d", d[i].class);
        printf("\n");
        fflush(stdout);
        free(d);
    }
    free(line);
    return 0;
}
