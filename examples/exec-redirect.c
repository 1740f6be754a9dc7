/*
 * exec-redirect.c - how a shell runs `echo hello > out.txt`: fork, then in
 * the child open the file, dup2 it onto descriptor 1 and exec the command.
 * exec replaces the program but keeps the descriptor table, so echo
 * writes to "its stdout" without knowing it is a file.
 */
#include "csapp.h"

int main(void)
{
    char buf[64];
    int fd, n;

    if (Fork() == 0) {
        fd = Open("out.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        Dup2(fd, 1);                /* stdout is now the file */
        Close(fd);                  /* one descriptor for it is enough */
        execl("/usr/bin/echo", "echo", "hello from echo", (char *)NULL);
        unix_error("execl");        /* reached only if exec failed */
    }
    Wait(NULL);
    fd = Open("out.txt", O_RDONLY, 0);
    n = Read(fd, buf, sizeof(buf) - 1);
    buf[n] = '\0';
    printf("out.txt holds: %s", buf);
    Close(fd);
    unlink("out.txt");
    exit(0);
}
