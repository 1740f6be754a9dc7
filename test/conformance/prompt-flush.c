/* glibc flushes a line-buffered stdout before a line-buffered or unbuffered input stream
 * reads its descriptor, and only then: a prompt shows before the program waits for the
 * answer. Here stdout is a pipe made line buffered by setvbuf; stdin is a pipe (fully
 * buffered: no flush) and a pipe of our own is read line buffered, then unbuffered.
 * prompt-full.c: a fully buffered stdout is not flushed. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    char buf[32];
    int p[2];

    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("stdin? ");                 /* stays: stdin from a pipe is fully buffered */
    if (fgets(buf, sizeof buf, stdin))
        printf("got %s", buf);

    pipe(p);
    write(p[1], "x\ny\n", 4);
    close(p[1]);
    FILE *in = fdopen(p[0], "r");
    setvbuf(in, NULL, _IOLBF, 0);
    printf("first? ");                 /* written before the read of p[0] */
    if (fgets(buf, sizeof buf, in))
        printf("[%s]", buf);
    printf(" second? ");               /* "y\n" is already buffered: no read, no flush */
    if (fgets(buf, sizeof buf, in))
        printf("[%s]", buf);
    printf(" third? ");                /* the read that finds EOF flushes first */
    if (fgets(buf, sizeof buf, in) == NULL)
        printf("EOF");
    printf(" again? ");                /* EOF is sticky: no read, nothing flushed */
    if (getc(in) == EOF)
        printf("EOF\n");
    fclose(in);

    pipe(p);
    write(p[1], "ab", 2);
    close(p[1]);
    in = fdopen(p[0], "r");
    setvbuf(in, NULL, _IONBF, 0);
    printf("one? ");                   /* unbuffered: a read of one byte per getc */
    int c = getc(in);
    printf("%c two? ", c);
    c = getc(in);
    printf("%c three? ", c);
    c = getc(in);
    printf("%d\n", c);
    fclose(in);

    return 0;
}
