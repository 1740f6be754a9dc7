/*
 * ipc-choices.c - five ways for a child to tell its parent a number:
 * the exit status (one small number, at the end), a signal (one bit,
 * "it happened"), a pipe (a byte stream, one way), shared memory (no
 * copying, but you must synchronise), a socket pair (a stream both ways;
 * over TCP, across machines too).
 */
#include "csapp.h"
#include <sys/mman.h>

volatile sig_atomic_t got_usr1 = 0;
void on_usr1(int sig) { got_usr1 = 1; }

int main(void)
{
    int status, p[2], sv[2], n = 0;
    int *shared = mmap(NULL, sizeof(int), PROT_READ | PROT_WRITE,
                       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    sigset_t mask, prev;

    if (shared == MAP_FAILED)
        unix_error("mmap");

    Signal(SIGUSR1, on_usr1);
    Sigemptyset(&mask);
    Sigaddset(&mask, SIGUSR1);
    Sigprocmask(SIG_BLOCK, &mask, &prev); /* no signal lost before we wait */
    Pipe(p);
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
        unix_error("socketpair");

    if (Fork() == 0) {
        int v = 42;
        Kill(getppid(), SIGUSR1);  /* signal */
        Write(p[1], &v, sizeof(v)); /* pipe */
        *shared = v;               /* shared memory (read after wait) */
        Write(sv[1], &v, sizeof(v)); /* socket pair */
        Read(sv[1], &v, sizeof(v));  /* ... and an answer back */
        exit(v);                   /* exit status */
    }
    while (!got_usr1)
        Sigsuspend(&prev);         /* wait for SIGUSR1 */
    printf("signal: SIGUSR1 arrived\n");
    Read(p[0], &n, sizeof(n));
    printf("pipe: %d\n", n);
    Read(sv[0], &n, sizeof(n));
    printf("socket pair: %d\n", n);
    n = n + 1;
    Write(sv[0], &n, sizeof(n));
    Wait(&status);
    printf("shared memory: %d\n", *shared);
    printf("exit status: %d\n", WEXITSTATUS(status));
    exit(0);
}
