/*
 * shm.c - a System V shared memory segment attached before fork is the
 * same memory in parent and child; an ordinary global is copied, so the
 * child's change to it stays in the child.
 */
#include "csapp.h"
#include <sys/ipc.h>
#include <sys/shm.h>

int global = 1;

int main(void)
{
    int id, *shared;

    id = shmget(IPC_PRIVATE, sizeof(int), IPC_CREAT | 0600);
    if (id < 0)
        unix_error("shmget");
    shared = shmat(id, NULL, 0);
    if (shared == (void *)-1)
        unix_error("shmat");
    *shared = 1;

    if (Fork() == 0) {
        global = 2;                /* changes the child's copy */
        *shared = 2;               /* changes the one shared int */
        exit(0);
    }
    Wait(NULL);
    printf("parent sees global = %d, *shared = %d\n", global, *shared);

    shmdt(shared);
    shmctl(id, IPC_RMID, NULL);   /* remove the segment */
    exit(0);
}
