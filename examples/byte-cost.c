/*
 * byte-cost.c - every read() and write() is a trip into the kernel.
 * Copy the same bytes one at a time with read/write, then with getc/putc
 * (buffered: one system call per 4096 bytes or so). The counts go to
 * stdout; the times, which vary, go to stderr. argv[1]: fewer bytes.
 */
#include "csapp.h"
#include <time.h>

#define SIZE 100000

double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    static char data[SIZE];
    int size = argc > 1 ? atoi(argv[1]) : SIZE;  /* fewer: quicker under strace */
    char c;
    long calls = 0;
    int in, out, ch;
    double t0, t1, t2;
    FILE *fin, *fout;

    if (size <= 0 || size > SIZE)
        size = SIZE;
    in = Open("byte-cost.txt", O_RDWR | O_CREAT | O_TRUNC, 0600);
    Write(in, data, size);
    out = Open("/dev/null", O_WRONLY, 0);

    Lseek(in, 0, SEEK_SET);
    t0 = now();
    while (Read(in, &c, 1) == 1) { /* one system call per byte, twice */
        Write(out, &c, 1);
        calls += 2;
    }
    calls++;                       /* the read that returned 0 */
    t1 = now();

    Lseek(in, 0, SEEK_SET);
    fin = fdopen(in, "r");
    fout = fdopen(out, "w");
    while ((ch = getc(fin)) != EOF) /* a function call per byte */
        putc(ch, fout);
    fflush(fout);
    t2 = now();

    printf("copied %d bytes with %ld read/write calls\n", size, calls);
    fprintf(stderr, "unbuffered: %.0f ns/byte, buffered: %.0f ns/byte\n",
            (t1 - t0) * 1e9 / size, (t2 - t1) * 1e9 / size);
    Fclose(fin);
    Fclose(fout);
    unlink("byte-cost.txt");
    exit(0);
}
