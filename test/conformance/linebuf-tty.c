/* stdout on a terminal is line buffered with a buffer of the terminal's st_blksize, 1024 bytes
 * (glibc's _IO_file_doallocate). The first output, before the buffer exists, writes each of
 * its lines on its own; a line longer than the buffer is written in whole blocks of 1024
 * straight from the caller's text and the rest waits for its newline; a buffer filled exactly
 * is written only when the next byte comes. */
#include <stdio.h>
#include <string.h>

static char line[6000];

int main(void) {
    memset(line, 'x', sizeof line - 1);
    fputs("one\ntwo\n", stdout);
    fputs("three\nfour\n", stdout);
    fwrite(line, 1, 2500, stdout);
    printf(" long\n");
    fwrite(line, 1, 1000, stdout);
    fwrite(line, 1, 24, stdout);
    putchar('\n');
    fwrite(line, 1, 1020, stdout);
    fputs("g\nh\ni", stdout);
    puts("");
    return 0;
}
