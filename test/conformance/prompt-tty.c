/* A prompt before each stdio input function, on a terminal: stdin and stdout are the
 * terminal, both line buffered, so glibc writes the prompt before each read of stdin
 * (not when the answer is already buffered). The scenario types the lines, then Ctrl-D. */
#include <stdio.h>
#include <string.h>

int main(void) {
    char buf[32];
    int n = 0;

    printf("name? ");
    if (fgets(buf, sizeof buf, stdin))
        printf("hi %s", buf);
    printf("age? ");
    if (scanf("%d", &n) == 1)
        printf("%d next year? ", n + 1);  /* the newline after 42 is still buffered */
    int c = getchar();
    printf("(%d) key? ", c);
    c = fgetc(stdin);
    printf("%c%c", c, getc(stdin));
    printf("three? ");
    size_t got = fread(buf, 1, 3, stdin);
    printf("%zu %.2s\n", got, buf);
    printf("more? ");
    if (fgets(buf, sizeof buf, stdin) == NULL)
        printf("EOF\n");
    return 0;
}
