/*
 * pid-report.c - who is who after fork: each process prints its own pid and its
 * parent's, and the parent prints what fork and waitpid returned. The pids differ from
 * run to run; the relations between them do not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/wait.h>

int main(void)
{
    pid_t me = getpid();
    pid_t kids[2];
    int i;

    printf("parent: pid %d\n", (int)me);
    fflush(stdout);
    for (i = 0; i < 2; i++) {
        if ((kids[i] = fork()) == 0) {
            pid_t self = getpid();
            pid_t parent = getppid();
            printf("child %d: pid %d, parent %d\n", i, (int)self, (int)parent);
            exit(10 + i);
        }
    }
    for (i = 0; i < 2; i++) {
        int status;
        pid_t r = waitpid(kids[i], &status, 0);
        printf("reaped %d (fork said %d): exit %d\n", (int)r, (int)kids[i], WEXITSTATUS(status));
    }
    return 0;
}
