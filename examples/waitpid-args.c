/*
 * waitpid-args.c - what waitpid's pid and options arguments select,
 * and how the status macros decode what it returns.
 */
#include "csapp.h"

int main(void)
{
    int status;
    pid_t a, b, c;

    setvbuf(stdout, NULL, _IONBF, 0); /* nothing buffered for fork to copy */
    if ((a = Fork()) == 0) {       /* a: waits for a signal */
        Pause();
        exit(0);
    }
    /* pid > 0: just that child. WNOHANG: 0 means "still running". */
    printf("waitpid(a, WNOHANG) = %d\n", (int)Waitpid(a, &status, WNOHANG));
    Kill(a, SIGTERM);
    Waitpid(a, &status, 0);
    if (WIFSIGNALED(status))
        printf("a was killed by signal %d (SIGTERM is %d)\n", WTERMSIG(status), SIGTERM);

    if ((b = Fork()) == 0)         /* b: exits with status 7 */
        exit(7);
    /* pid -1: any child. */
    if (Waitpid(-1, &status, 0) == b && WIFEXITED(status))
        printf("b exited with %d\n", WEXITSTATUS(status));

    if ((c = Fork()) == 0) {       /* c: in a process group of its own */
        setpgid(0, 0);
        exit(3);
    }
    setpgid(c, c);                 /* set it from both sides: no race */
    /* pid < -1: any child in group -pid. (pid 0 would mean our own group.) */
    if (Waitpid(-c, &status, 0) == c)
        printf("c, found by its group, exited with %d\n", WEXITSTATUS(status));

    /* No children left: waitpid fails with ECHILD. */
    if (waitpid(-1, &status, 0) < 0 && errno == ECHILD)
        printf("no children left: ECHILD\n");
    exit(0);
}
