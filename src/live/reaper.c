/*
 * reaper.c - starts a program in a process group of its own and reaps it and
 * every orphan it leaves (a child subreaper), so that stopping a learner's
 * server leaves nothing behind even where init does not reap.
 *
 * Usage: reaper PROGRAM ARGS...   with a control channel on descriptor 3.
 * On descriptor 3 it writes "pid N" once the program runs and "exit N STATUS"
 * (the raw wait status) when the program itself ends. When descriptor 3 reads
 * EOF (the caller is done, or gone) it sends SIGKILL to the whole group. It
 * exits once nothing is left to reap.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define CTL 3

static void on_child(int sig)
{
    (void)sig; /* only here to interrupt poll */
}

int main(int argc, char **argv)
{
    struct sigaction sa;
    pid_t pid, w;
    int status, ctl_open = 1;

    if (argc < 2) {
        fprintf(stderr, "usage: reaper PROGRAM ARGS...\n");
        return 2;
    }
    /* Orphans of the program come to us, not to init. */
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: SIGCHLD ends the poll below */
    sa.sa_handler = on_child;
    sigaction(SIGCHLD, &sa, NULL);
    pid = fork();
    if (pid < 0) {
        perror("fork");
        return 2;
    }
    if (pid == 0) {
        setpgid(0, 0);
        for (int fd = CTL; fd < 1024; fd++)
            close(fd);
        execvp(argv[1], argv + 1);
        perror(argv[1]);
        _exit(127);
    }
    setpgid(pid, pid); /* also here: no race with the child's own call */
    dprintf(CTL, "pid %d\n", (int)pid);
    for (;;) {
        while ((w = waitpid(-1, &status, WNOHANG)) > 0)
            if (w == pid)
                dprintf(CTL, "exit %d %d\n", (int)w, status);
        if (w < 0 && errno == ECHILD)
            return 0;
        if (!ctl_open) {
            kill(-pid, SIGKILL);
            poll(NULL, 0, 20);
            continue;
        }
        struct pollfd p = { .fd = CTL, .events = POLLIN };
        if (poll(&p, 1, 200) > 0) {
            char buf[64];
            if (read(CTL, buf, sizeof buf) <= 0) {
                ctl_open = 0;
                kill(-pid, SIGKILL);
            }
        }
    }
}
