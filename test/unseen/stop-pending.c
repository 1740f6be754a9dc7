/*
 * stop-pending.c - a stopped process takes no signal but SIGKILL and SIGCONT: the
 * parent stops its child, sends SIGINT, and the child stays stopped with SIGINT
 * pending. Only SIGCONT lets it run, and then SIGINT ends it.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
    int status;
    pid_t pid = fork();

    if (pid == 0) {
        while (1)
            pause();
    }
    sleep(1); /* let the child reach pause() */
    kill(pid, SIGSTOP);
    waitpid(pid, &status, WUNTRACED);
    if (WIFSTOPPED(status))
        printf("child stopped by signal %d\n", WSTOPSIG(status));
    kill(pid, SIGINT);
    sleep(1); /* time enough to die, if SIGINT could end a stopped process */
    if (waitpid(pid, &status, WNOHANG | WUNTRACED) == 0)
        printf("after SIGINT: still stopped, nothing to report\n");
    kill(pid, SIGCONT);
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status))
        printf("after SIGCONT: child died of signal %d\n", WTERMSIG(status));
    return 0;
}
