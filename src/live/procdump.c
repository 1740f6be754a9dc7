/*
 * procdump.c - Fork Lab's helper that reads a process tree from /proc in one go.
 *
 * A refresh of the live view reads a few files per process and two per descriptor;
 * from Node each read costs several calls into the runtime, from C one system call.
 * This helper does the reading only; the TypeScript side (procfs.ts) parses the text.
 * Built with cc on first use and kept running as a co-process:
 *   request: one line "ROOT"
 *   answer:  for each process of the tree rooted at ROOT, breadth first:
 *              p PID
 *              s <the /proc/PID/stat line>
 *              g SigPnd ShdPnd SigBlk SigIgn SigCgt          (hex, from status)
 *              c <the /proc/PID/syscall line>                 (sleeping processes only)
 *              f FD <TAB> LINK <TAB> pos flags mnt_id ino     (one per descriptor)
 *            then "end". LINK escapes backslash, tab and newline as \\ \t \n.
 *            A process that exits while being read is left out (or cut short).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char buf[1 << 16];

/* Reads a whole small /proc file into buf; returns its length or -1. */
static ssize_t slurp(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = 0, k;
    while (n < (ssize_t)sizeof buf - 1 && (k = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
        n += k;
    close(fd);
    buf[n] = 0;
    return n;
}

static void chomp(void)
{
    size_t n = strlen(buf);
    while (n && buf[n - 1] == '\n')
        buf[--n] = 0;
}

/* The value after "key:" in buf, as a string (up to the end of its line). */
static const char *field(const char *key, char *out, size_t size)
{
    const char *p = buf;
    size_t klen = strlen(key);
    out[0] = 0;
    while (p && *p) {
        if (strncmp(p, key, klen) == 0 && p[klen] == ':') {
            p += klen + 1;
            while (*p == ' ' || *p == '\t')
                p++;
            size_t i = 0;
            while (p[i] && p[i] != '\n' && i + 1 < size) {
                out[i] = p[i];
                i++;
            }
            out[i] = 0;
            return out;
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return out;
}

static void put_escaped(const char *s)
{
    for (; *s; s++) {
        if (*s == '\\') fputs("\\\\", stdout);
        else if (*s == '\t') fputs("\\t", stdout);
        else if (*s == '\n') fputs("\\n", stdout);
        else putchar(*s);
    }
}

/* /proc/<pid>/<sub> opened as a directory; NULL when the process is gone. */
static DIR *open_proc_dir(long pid, const char *sub)
{
    char path[320];
    snprintf(path, sizeof path, "/proc/%ld/%s", pid, sub);
    return opendir(path);
}

/* The directory's next entry, "." and ".." left out; NULL at the end. */
static struct dirent *next_name(DIR *d)
{
    struct dirent *e;
    while ((e = readdir(d)) != NULL && e->d_name[0] == '.')
        ;
    return e;
}

static void dump_fds(long pid)
{
    char path[320], link[4096], pos[32], flags[32], mnt[32], ino[32];
    DIR *d = open_proc_dir(pid, "fd");
    if (!d)
        return;
    struct dirent *e;
    while ((e = next_name(d)) != NULL) {
        snprintf(path, sizeof path, "/proc/%ld/fd/%s", pid, e->d_name);
        ssize_t n = readlink(path, link, sizeof link - 1);
        if (n < 0)
            continue; /* closed meanwhile */
        link[n] = 0;
        snprintf(path, sizeof path, "/proc/%ld/fdinfo/%s", pid, e->d_name);
        if (slurp(path) < 0)
            continue;
        field("pos", pos, sizeof pos);
        field("flags", flags, sizeof flags);
        field("mnt_id", mnt, sizeof mnt);
        field("ino", ino, sizeof ino);
        printf("f %s\t", e->d_name);
        put_escaped(link);
        printf("\t%s %s %s %s\n", pos[0] ? pos : "0", flags[0] ? flags : "0", mnt[0] ? mnt : "0", ino[0] ? ino : "-");
    }
    closedir(d);
}

/* Appends pid's children (from every thread's children file) to the queue. */
static void queue_children(long pid, long **queue, size_t *len, size_t *cap)
{
    char path[320];
    DIR *d = open_proc_dir(pid, "task");
    if (!d)
        return;
    struct dirent *e;
    while ((e = next_name(d)) != NULL) {
        snprintf(path, sizeof path, "/proc/%ld/task/%s/children", pid, e->d_name);
        if (slurp(path) < 0)
            continue;
        for (char *p = buf, *end; *p; p = end) {
            long child = strtol(p, &end, 10);
            if (end == p)
                break;
            if (*len == *cap) {
                *cap = *cap ? *cap * 2 : 64;
                *queue = realloc(*queue, *cap * sizeof **queue);
            }
            (*queue)[(*len)++] = child;
        }
    }
    closedir(d);
}

static void dump_tree(long root)
{
    long *queue = NULL;
    size_t len = 0, cap = 0;
    char path[64], v[5][40];
    const char *keys[5] = {"SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt"};

    queue_children(root, &queue, &len, &cap); /* make sure the queue exists */
    queue = realloc(queue, (len + 1) * sizeof *queue);
    memmove(queue + 1, queue, len * sizeof *queue);
    queue[0] = root;
    len++;
    cap = len;
    for (size_t i = 0; i < len; i++) {
        long pid = queue[i];
        snprintf(path, sizeof path, "/proc/%ld/stat", pid);
        if (slurp(path) <= 0)
            continue; /* gone */
        chomp();
        printf("p %ld\ns %s\n", pid, buf);
        const char *close = strrchr(buf, ')');
        char state = close && close[1] && close[2] ? close[2] : '?';
        if (state == 'Z' || state == 'X')
            continue;
        snprintf(path, sizeof path, "/proc/%ld/status", pid);
        if (slurp(path) > 0) {
            for (int k = 0; k < 5; k++)
                field(keys[k], v[k], sizeof v[k]);
            printf("g %s %s %s %s %s\n", v[0], v[1], v[2], v[3], v[4]);
        }
        if (state == 'S' || state == 'D') {
            snprintf(path, sizeof path, "/proc/%ld/syscall", pid);
            if (slurp(path) > 0) {
                chomp();
                printf("c %s\n", buf);
            }
        }
        dump_fds(pid);
        if (i > 0)
            queue_children(pid, &queue, &len, &cap);
    }
    free(queue);
}

int main(void)
{
    char line[64];
    setvbuf(stdout, NULL, _IOFBF, 1 << 20); /* one write per answer */
    printf("ok\n");
    fflush(stdout);
    while (fgets(line, sizeof line, stdin)) {
        long root = strtol(line, NULL, 10);
        if (root > 0)
            dump_tree(root);
        printf("end\n");
        fflush(stdout);
    }
    return 0;
}
