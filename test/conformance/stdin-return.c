/* Returning from main with stdin read ahead: exit flushes stdout and hands back what stdin
 * read and the program did not use (lseek(0, -unread, SEEK_CUR), ESPIPE on a pipe), with
 * none of the program's code on the stack, so strace places those calls at no line. */
#include <stdio.h>

int main(void) {
    char line[64];
    if (fgets(line, sizeof line, stdin))
        printf("first: %s", line);
    return 0;
}
