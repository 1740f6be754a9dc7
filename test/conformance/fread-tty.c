/* stdin and stdout a terminal: glibc's stdin buffer is the terminal's st_blksize (1024), so
 * fgets reads 1024 at most; an fread of at least a buffer's worth reads straight into the
 * caller's memory in whole blocks (2000 wanted: read 1024, then 1024 again), without the
 * underflow that flushes a line-buffered stdout first, so the prompt "big? " stays in the
 * buffer until the next newline. */
#include <stdio.h>

int main(void) {
    char b[3000];
    printf("p? ");
    if (fgets(b, sizeof b, stdin))
        printf("got %s", b);
    printf("big? ");
    size_t n = fread(b, 1, 2000, stdin);
    printf("n=%zu\n", n);
    printf("small? ");
    n = fread(b, 1, 10, stdin);
    printf("n=%zu\n", n);
    return 0;
}
