/*
 * buffer-twice.c - printf before fork with stdout a pipe: the text waits in the buffer,
 * fork copies the buffer, and both processes flush it at exit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
    printf("hello from %s", "before fork ");
    if (fork() == 0) {
        printf("(child)\n");
        exit(0);
    }
    wait(NULL);
    printf("(parent)\n");
    write(STDOUT_FILENO, "unbuffered write\n", 17);
    return 0;
}
