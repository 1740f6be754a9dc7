/*
 * fork-limit.c - fork returns -1 when no new process may be created.
 * We cap this process's user at one process (RLIMIT_NPROC), so the
 * next fork fails with EAGAIN. Root ignores the cap, so root first
 * becomes the unprivileged user "nobody".
 */
#include "csapp.h"
#include <sys/resource.h>

int main(void)
{
    struct rlimit one = { 1, 1 };

    if (getuid() == 0 && setuid(65534) < 0)
        unix_error("setuid");
    if (setrlimit(RLIMIT_NPROC, &one) < 0)
        unix_error("setrlimit");

    pid_t pid = fork();           /* plain fork: Fork would exit on error */
    if (pid == 0)
        exit(0);                  /* not reached when the limit holds */
    if (pid < 0)
        printf("fork returned -1: %s\n", errno == EAGAIN ? "EAGAIN" : strerror(errno));
    else
        printf("fork succeeded: the limit did not apply\n");
    exit(0);
}
