/* sigpending shows a blocked signal that was sent (two sends merge into one delivery on
   unblock); a child that stops itself with raise(SIGSTOP) runs nothing more until SIGCONT:
   waitpid(WUNTRACED) reports the stop, then the exit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
    got++;
    (void)sig;
}

int main(void)
{
    signal(SIGUSR1, on_usr1);
    sigset_t m, old, p;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR1);
    sigprocmask(SIG_BLOCK, &m, &old);
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR1);
    sigpending(&p);
    printf("pending %d %d, got %d\n", sigismember(&p, SIGUSR1), sigismember(&p, SIGUSR2), (int)got);
    sigprocmask(SIG_SETMASK, &old, NULL);
    sigpending(&p);
    printf("pending %d, got %d\n", sigismember(&p, SIGUSR1), (int)got);
    fflush(stdout);

    pid_t c = fork();
    if (c == 0) {
        printf("child stops\n");
        fflush(stdout);
        raise(SIGSTOP); printf("child continued\n"); exit(4);
    }
    int st;
    pid_t w = waitpid(c, &st, WUNTRACED);
    printf("stopped %d by %d (%d)\n", w == c, WSTOPSIG(st), WIFSTOPPED(st));
    kill(c, SIGCONT);
    w = waitpid(c, &st, 0);
    printf("then %d exit %d\n", w == c, WEXITSTATUS(st));
    return 0;
}
