/*
 * exec-cloexec.c - a shell's `... | wc -c`: the child makes the pipe its
 * stdin with dup2 and runs wc with exec. exec keeps the descriptor table,
 * so wc would also inherit the pipe's write end, and wait for ever for an
 * end of file that its own descriptor prevents; FD_CLOEXEC closes that end
 * at exec.
 */
#include "csapp.h"

int main(void)
{
    int p[2];

    Pipe(p);
    fcntl(p[1], F_SETFD, FD_CLOEXEC); /* exec will close this end */
    if (Fork() == 0) {
        Dup2(p[0], 0);              /* the pipe becomes wc's stdin */
        Close(p[0]);
        execl("/usr/bin/wc", "wc", "-c", (char *)NULL); /* p[1] closes here */
        unix_error("execl");
    }
    Close(p[0]);
    Write(p[1], "hello, wc\n", 10);
    Close(p[1]);                     /* the last write end: wc sees EOF */
    Wait(NULL);
    printf("wc has finished\n");
    exit(0);
}
