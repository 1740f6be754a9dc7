/*
 * jump-in-child.c - a jmp_buf set before fork works in the child: the child's stack is a
 * copy of the parent's, so longjmp from deep in a child's work returns to the child's own
 * setjmp with the value, and the parent, which never jumped, carries on unaffected.
 * sigsetjmp(env, 1) saved the mask of the time; siglongjmp restores it in the child only.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static sigjmp_buf recover;
static int depth = 0;

static void work(int n)
{
    depth = n;
    if (n == 3)
        siglongjmp(recover, 40 + n);    /* give up from deep inside */
    work(n + 1);
}

static int usr1_blocked(void)
{
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    return sigismember(&now, SIGUSR1);
}

int main(void)
{
    int code = sigsetjmp(recover, 1);
    if (code != 0) {
        printf("child: recovered with %d at depth %d, SIGUSR1 blocked %d\n",
               code, depth, usr1_blocked());
        exit(code);
    }
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        work(1);
    int status;
    waitpid(pid, &status, 0);
    printf("parent: child exited %d, depth %d, SIGUSR1 blocked %d\n",
           WEXITSTATUS(status), depth, usr1_blocked());
    return 0;
}
