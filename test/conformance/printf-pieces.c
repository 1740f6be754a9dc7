/* printf on a line-buffered stdout (a terminal): glibc writes the format's pieces (the text
 * between conversions, each conversion's result) into the stream one by one, and a piece
 * holding a newline flushes the buffer up to its last newline. So one printf can make two
 * writes, and a conversion's newline can flush what follows it later. */
#include <stdio.h>

int main(void) {
    printf("parent %d\nchild %d\n", 1, 2);
    printf("%s\n", "yz\n");
    printf("a%sb\n", "\n");
    printf("%d\n%d", 3, 4);
    printf(" and %c", '\n');
    printf("no newline here, ");
    printf("%s", "then one\n");
    fprintf(stdout, "%d%%\n%s", 50, "tail\n");
    return 0;
}
