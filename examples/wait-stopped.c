/*
 * wait-stopped.c - waitpid reports more than deaths: with WUNTRACED it also returns when a
 * child stops, with WCONTINUED when a stopped child is continued. Only the last call reaps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

static void report(int status)
{
    if (WIFSTOPPED(status))
        printf("stopped by signal %d\n", WSTOPSIG(status));
    else if (WIFCONTINUED(status))
        printf("continued\n");
    else if (WIFEXITED(status))
        printf("exited with %d\n", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("killed by signal %d\n", WTERMSIG(status));
}

int main(void)
{
    int status;
    pid_t pid;

    setvbuf(stdout, NULL, _IONBF, 0);  /* nothing buffered for fork to copy */
    if ((pid = fork()) == 0) {
        raise(SIGSTOP);                /* stop myself until someone sends SIGCONT */
        sleep(1);                      /* so the parent hears of the continue before the exit */
        exit(3);
    }
    waitpid(pid, &status, WUNTRACED);
    report(status);
    kill(pid, SIGCONT);
    waitpid(pid, &status, WCONTINUED);
    report(status);
    waitpid(pid, &status, 0);
    report(status);
    return 0;
}
