/* killpg, getpgid, getsid and setpgid as a shell uses them: a child in a group of its own
   ended by killpg; killpg's EINVAL for a negative group and ESRCH for an empty one;
   getpgid/getsid of the caller (0) and ESRCH for no such process. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
    printf("getpgid(0) is getpgid(getpid()): %d\n", getpgid(0) == getpgid(getpid()));
    printf("getsid(0) is getsid(getpid()): %d\n", getsid(0) == getsid(getpid()));
    errno = 0;
    int r = getpgid(999999);
    printf("getpgid(no such process)=%d %s\n", r, strerror(errno));
    fflush(stdout);
    int ready[2];
    char c;
    pipe(ready);
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        close(ready[1]);   /* the parent's read returns 0: the child is in its group */
        pause();
        _exit(0);
    }
    close(ready[1]);
    setpgid(pid, pid);     /* a shell calls it on both sides: whichever runs first wins */
    read(ready[0], &c, 1); /* so that the killpg below cannot come before the child's setpgid */
    printf("child leads its group: %d\n", getpgid(pid) == pid);
    r = killpg(pid, SIGTERM);
    printf("killpg(child's group, SIGTERM)=%d\n", r);
    int status;
    waitpid(pid, &status, 0);
    printf("child: signaled=%d by %s\n", WIFSIGNALED(status), strsignal(WTERMSIG(status)));
    r = killpg(pid, SIGTERM);
    printf("killpg(an empty group)=%d %s\n", r, strerror(errno));
    r = killpg(-5, SIGTERM);
    printf("killpg(-5)=%d %s\n", r, strerror(errno));
    return 0;
}
