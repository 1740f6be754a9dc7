/*
 * critical-block.c - block SIGCHLD while the job list is updated.
 * Without the block, the handler could delete a job before the parent adds it.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#define MAXJOBS 4
static pid_t jobs[MAXJOBS];
static volatile sig_atomic_t removed = 0;

static void del_job(pid_t pid)
{
    for (int i = 0; i < MAXJOBS; i++)
        if (jobs[i] == pid) {
            jobs[i] = 0;
            removed++;
        }
}

static void on_child(int sig)
{
    pid_t pid;
    while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
        del_job(pid);
}

int main(void)
{
    sigset_t chld, prev;
    struct sigaction sa;
    int i, n = 0;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_child;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);

    /* SIGCHLD stays blocked while the jobs are created and listed: the children all end
     * meanwhile, and their three SIGCHLDs merge into one pending signal. */
    sigprocmask(SIG_BLOCK, &chld, &prev);
    for (i = 0; i < 3; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            sigprocmask(SIG_SETMASK, &prev, NULL);
            _exit(0);
        }
        jobs[i] = pid; /* added before the handler can run */
    }
    sleep(1);
    sigprocmask(SIG_SETMASK, &prev, NULL); /* the one handler run reaps all three */
    while (removed < 3)
        pause();
    for (i = 0; i < MAXJOBS; i++)
        n += jobs[i] != 0;
    printf("jobs left: %d, removed: %d\n", n, (int)removed);
    return 0;
}
