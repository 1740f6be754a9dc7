/* An input stream's buffer is the file's st_blksize, whatever setvbuf asked with a NULL
 * buffer: stdin from a pipe reads 4096 bytes at a time, also after setvbuf(stdin, NULL,
 * _IOFBF, 100). A buffer of the caller's is read at its size; fread of more than a buffer
 * reads the rest straight into the caller's memory (all of it when the buffer is under 128).
 * exit() hands back the 1000 bytes stdin read ahead (lseek, ESPIPE on a pipe); it is called
 * here rather than returning from main so that strace can place that lseek at a line. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

static char data[9000];
static char mine[100];

int main(void) {
    char line[64];
    setvbuf(stdin, NULL, _IOFBF, 100);
    fgets(line, sizeof line, stdin);
    printf("first line: %s", line);
    size_t n = fread(data, 1, 5000, stdin);
    printf("fread 5000: %zu\n", n);
    FILE *f = fopen("sb-input.txt", "w");
    fwrite(data, 1, 5000, f);
    fclose(f);
    f = fopen("sb-input.txt", "r");
    setvbuf(f, mine, _IOFBF, sizeof mine);
    n = fread(data, 1, 10, f);
    n += fread(data, 1, 1000, f);
    printf("read back %zu\n", n);
    fclose(f);
    unlink("sb-input.txt");
    exit(0);
}
