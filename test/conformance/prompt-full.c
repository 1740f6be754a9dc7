/* A fully buffered stdout (a pipe) is not flushed before input, even when the input
 * stream is unbuffered: glibc flushes stdout only when stdout is line buffered. */
#include <stdio.h>

int main(void) {
    setvbuf(stdin, NULL, _IONBF, 0);
    printf("name? ");                  /* stays in the buffer until exit */
    int c = getchar();
    while (c != EOF && c != '\n') {
        printf("%c", c);
        c = getchar();
    }
    printf("\n");
    return 0;
}
