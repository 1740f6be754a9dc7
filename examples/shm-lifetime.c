/*
 * shm-lifetime.c - shared memory has no built-in synchronisation, and it
 * outlives the processes that use it. Here the child stores 42 and then
 * writes a byte into a pipe; the parent reads the shared int only after
 * that byte arrives. When every process has detached, the segment is
 * still there (ipcs -m lists it) until someone removes it with IPC_RMID.
 */
#include "csapp.h"
#include <sys/ipc.h>
#include <sys/shm.h>

int main(void)
{
    int id, ready[2];
    int *p;
    char c;

    id = shmget(IPC_PRIVATE, sizeof(int), IPC_CREAT | 0600);
    p = shmat(id, NULL, 0);
    if (p == (void *)-1)
        unix_error("shmat");
    *p = 0;
    Pipe(ready);
    if (Fork() == 0) {
        *p = 42;                     /* first the data... */
        Write(ready[1], "x", 1);     /* ...then the news */
        shmdt(p);
        exit(0);
    }
    Read(ready[0], &c, 1);           /* blocks until the child has stored it */
    printf("after the pipe's byte the parent reads %d\n", *p);
    Wait(NULL);
    shmdt(p);                        /* nobody has it attached now */

    p = shmat(id, NULL, 0);          /* but it still exists */
    printf("attached again: the segment still holds %d\n", *p);
    shmdt(p);
    shmctl(id, IPC_RMID, NULL);      /* now it is gone */
    p = shmat(id, NULL, 0);
    if (p == (void *)-1 && errno == EINVAL)
        printf("after IPC_RMID: shmat fails with EINVAL\n");
    exit(0);
}
