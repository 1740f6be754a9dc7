/*
 * kcmp.c - Fork Lab's helper that tells which descriptors share one open file
 * description, using the kernel's own answer: kcmp(2) with KCMP_FILE.
 *
 * Built with cc on first use and kept in a cache directory. It runs as a co-process:
 *   start:    prints "ok" when kcmp works here, else "no <errno> <reason>" and exits.
 *   request:  one line "N pid1 fd1 hint1 ... pidN fdN hintN"
 *   answer:   one line of N class numbers; equal numbers = the same open file
 *             description; -1 = that descriptor is gone (closed or the process exited).
 * A hint (>= 0) is the caller's guess from the last refresh: descriptors with the same
 * hint were one open file then. Each guess is checked against its class's first member
 * (one kcmp call per descriptor); the class representatives and the descriptors without
 * a confirmed guess are then sorted in kcmp's order (it compares the kernel's struct file
 * pointers). So a refresh where nothing changed costs about one call per descriptor, and
 * any answer is exact whatever the hints say.
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
    long hint;  /* the caller's guess, -1 for none */
    int index;  /* position in the request */
    int rep;    /* index of the member it was checked against, -1 when it is sorted itself */
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

static int valid(const struct desc *x)
{
    return same_file(x->pid, x->fd, x->pid, x->fd) == 0;
}

static void classify(struct desc *d, int n)
{
    struct desc *s = malloc(sizeof *s * (n ? n : 1));
    int m = 0, class = -1;

    for (int i = 0; i < n; i++) {
        d[i].class = -1;
        d[i].rep = -1;
    }
    /* Confirm guesses: a member joins the first valid member with the same hint. */
    for (int i = 0; i < n; i++) {
        if (d[i].hint < 0)
            continue;
        for (int j = 0; j < i; j++) {
            if (d[j].hint != d[i].hint || d[j].rep != -1)
                continue;
            if (same_file(d[j].pid, d[j].fd, d[i].pid, d[i].fd) == 0)
                d[i].rep = j;
            break;
        }
    }
    /* Sort the rest (representatives and unconfirmed members) by kcmp's order. */
    for (int i = 0; i < n; i++)
        if (d[i].rep == -1 && valid(&d[i]))
            s[m++] = d[i];
    qsort(s, m, sizeof *s, by_file);
    for (int i = 0; i < m; i++) {
        if (i == 0 || by_file(&s[i - 1], &s[i]) != 0)
            class++;
        d[s[i].index].class = class;
    }
    for (int i = 0; i < n; i++)
        if (d[i].rep != -1)
            d[i].class = d[d[i].rep].class;
    free(s);
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
            d[i].hint = strtol(p, &p, 10);
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
