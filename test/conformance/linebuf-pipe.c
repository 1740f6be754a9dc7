/* A line-buffered stream that is not a terminal: setvbuf(stdout, NULL, _IOLBF, 100) with stdout
 * a pipe. glibc ignores the size given with a NULL buffer and allocates the buffer at the first
 * write, of the file's st_blksize (4096 for a pipe), whatever the mode: a long line is written
 * in blocks of 4096, not of a terminal's 1024. The first output, before the buffer exists,
 * writes each of its lines on its own; after that a piece is copied into the buffer up to its
 * last newline and written once. A piece that does not fit fills the buffer, the buffer is
 * written, and whole blocks of the rest go straight out. A buffer filled exactly is kept until
 * the next byte. */
#include <stdio.h>
#include <string.h>

static char line[12000];

int main(void) {
    memset(line, 'x', sizeof line - 1);
    setvbuf(stdout, NULL, _IOLBF, 100);
    fputs("a\nb\n", stdout);
    fputs("c\nd\n", stdout);
    fwrite(line, 1, 5000, stdout);
    fwrite(line, 1, 3000, stdout);
    printf("%.100s\n", line);
    fwrite(line, 1, 9000, stdout);
    fputs("e\nf", stdout);
    fwrite(line, 1, 4095, stdout);
    putchar('y');
    puts("end");
    return 0;
}
