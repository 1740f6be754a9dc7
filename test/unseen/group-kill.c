/*
 * group-kill.c - put the workers in a process group of their own and stop them all
 * with one kill to the group.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
    pid_t leader = 0, kids[3];
    int i, status;

    for (i = 0; i < 3; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            setpgid(0, leader); /* the first child leads, the others join */
            pause();
            exit(0);
        }
        setpgid(pid, leader); /* the parent too: no race with the child */
        if (leader == 0)
            leader = pid;
        kids[i] = pid;
    }
    sleep(1); /* let every worker reach pause() */
    kill(-leader, SIGTERM);
    for (i = 0; i < 3; i++) {
        waitpid(kids[i], &status, 0);
        if (WIFSIGNALED(status))
            printf("a worker died of signal %d\n", WTERMSIG(status));
    }
    return 0;
}
