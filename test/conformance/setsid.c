/* setsid and getsid as a daemon or a job-control shell uses them: a child that leads no
   group starts a session (the result is its pid, also its new group) and leaves the
   parent's; a second setsid fails with EPERM (it leads a group now), and so does one by a
   child that made itself a group leader with setpgid; the parent can no longer move the
   session leader into a group (EPERM); getsid and getpgid of another process, and ESRCH. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
    int ready[2], done[2];
    char c;
    pipe(ready);
    pipe(done);
    pid_t self = getsid(0);
    fflush(stdout);

    pid_t leader = fork();
    if (leader == 0) {
        pid_t sid = setsid();
        printf("child: setsid=%d is its pid: %d\n", sid, sid == getpid());
        printf("child: getsid(0)=%d getpgrp()=%d\n", getsid(0), getpgrp());
        printf("child: left the parent's session: %d\n", getsid(0) != self);
        errno = 0;
        int r = setsid();
        printf("child: setsid again=%d %s\n", r, strerror(errno));
        fflush(stdout);
        write(ready[1], "x", 1);
        read(done[0], &c, 1);
        _exit(0);
    }
    read(ready[0], &c, 1);
    printf("parent: getsid(child) is the child: %d\n", getsid(leader) == leader);
    printf("parent: getpgid(child) is the child: %d\n", getpgid(leader) == leader);
    errno = 0;
    int r = setpgid(leader, leader);
    printf("parent: setpgid(session leader)=%d %s\n", r, strerror(errno));
    fflush(stdout);
    write(done[1], "x", 1);
    waitpid(leader, NULL, 0);

    pid_t grouped = fork();
    if (grouped == 0) {
        setpgid(0, 0);
        errno = 0;
        r = setsid();
        printf("group leader: setsid=%d %s\n", r, strerror(errno));
        printf("group leader: still in the parent's session: %d\n", getsid(0) == self);
        fflush(stdout);
        _exit(0);
    }
    waitpid(grouped, NULL, 0);

    errno = 0;
    r = getsid(999999);
    printf("getsid(no such process)=%d %s\n", r, strerror(errno));
    return 0;
}
