/* System V semaphores (semget(2), semop(2), semctl(2)): a set starts at 0; SETVAL, GETVAL,
   SETALL, GETALL; the errno cases: ENOENT without IPC_CREAT, EEXIST with IPC_EXCL, EINVAL
   for an empty set or a semaphore number out of range, ERANGE for a value past 32767,
   EAGAIN under IPC_NOWAIT, EFBIG for sem_num out of range, EINVAL for no operations, E2BIG
   for more than 500; a semop that must wait sleeps until another process adds; SEM_UNDO is
   undone at exit; a sleeper is woken with EIDRM by IPC_RMID, and with EINTR by a handler
   even with SA_RESTART (semop is never restarted). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sched.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>

union semun { int val; struct semid_ds *buf; unsigned short *array; };

static void onalarm(int sig) { (void)sig; }

/* Waits until n processes sleep on semaphore num (GETNCNT counts them): a sleep(1) only
   makes that likely, and a child that starts late would find the add, or the removal,
   already done. */
static void await_sleepers(int id, int num, int n)
{
    while (semctl(id, num, GETNCNT) < n)
        sched_yield();
}

static int op(int id, int num, int delta, int flags)
{
    struct sembuf b;
    b.sem_num = num;
    b.sem_op = delta;
    b.sem_flg = flags;
    return semop(id, &b, 1);
}

int main(void)
{
    /* Semaphore sets are system-wide: the key holds our whole pid, which no other live
       process has, so a concurrent run of this program cannot share the set. */
    key_t key = 0x40000000 | getpid();
    int r = semget(key, 2, 0600);
    printf("semget without IPC_CREAT=%d %s\n", r, strerror(errno));
    r = semget(key, 0, IPC_CREAT | 0600);
    printf("semget of an empty set=%d %s\n", r, strerror(errno));
    int id = semget(key, 2, IPC_CREAT | IPC_EXCL | 0600);
    printf("semget created=%d\n", id >= 0);
    r = semget(key, 2, IPC_CREAT | IPC_EXCL | 0600);
    printf("semget again with IPC_EXCL=%d %s\n", r, strerror(errno));
    printf("semget again=%d\n", semget(key, 2, 0) == id);
    r = semget(key, 3, 0);
    printf("semget asking for more=%d %s\n", r, strerror(errno));
    printf("starts at %d %d\n", semctl(id, 0, GETVAL), semctl(id, 1, GETVAL));

    union semun arg;
    arg.val = 2;
    r = semctl(id, 0, SETVAL, arg);
    printf("SETVAL=%d GETVAL=%d\n", r, semctl(id, 0, GETVAL));
    arg.val = 40000;
    r = semctl(id, 0, SETVAL, arg);
    printf("SETVAL 40000=%d %s\n", r, strerror(errno));
    r = semctl(id, 5, GETVAL);
    printf("GETVAL of semaphore 5=%d %s\n", r, strerror(errno));
    unsigned short vals[2] = { 4, 7 };
    arg.array = vals;
    r = semctl(id, 0, SETALL, arg);
    vals[0] = vals[1] = 0;
    semctl(id, 0, GETALL, arg);
    printf("SETALL=%d GETALL %d %d\n", r, vals[0], vals[1]);
    struct semid_ds ds;
    arg.buf = &ds;
    r = semctl(id, 0, IPC_STAT, arg);
    printf("IPC_STAT=%d sem_nsems=%lu\n", r, (unsigned long)ds.sem_nsems);

    r = op(id, 0, -4, 0);
    printf("take 4=%d value %d\n", r, semctl(id, 0, GETVAL));
    r = op(id, 0, -1, IPC_NOWAIT);
    printf("take 1 more, IPC_NOWAIT=%d %s\n", r, strerror(errno));
    r = op(id, 1, 0, IPC_NOWAIT);
    printf("wait for zero, IPC_NOWAIT=%d %s\n", r, strerror(errno));
    r = op(id, 2, 1, 0);
    printf("sem_num 2=%d %s\n", r, strerror(errno));
    r = op(id, 1, 32767, 0);
    printf("past 32767=%d %s\n", r, strerror(errno));
    struct sembuf none;
    r = semop(id, &none, 0);
    printf("no operations=%d %s\n", r, strerror(errno));
    static struct sembuf many[501];
    r = semop(id, many, 501);
    printf("501 operations=%d %s\n", r, strerror(errno));
    struct sembuf two[2] = { { 0, 1, 0 }, { 1, -8, IPC_NOWAIT } };
    r = semop(id, two, 2);
    printf("all or nothing=%d %s, values %d %d\n", r, strerror(errno), semctl(id, 0, GETVAL), semctl(id, 1, GETVAL));
    fflush(stdout);

    /* A child waits for the parent's add; another takes one with SEM_UNDO and exits. */
    pid_t pid = fork();
    if (pid == 0)
        _exit(op(id, 0, -1, 0) == 0 ? 10 + semctl(id, 0, GETVAL) : 1);
    await_sleepers(id, 0, 1);
    r = op(id, 0, 3, 0);
    int status;
    waitpid(pid, &status, 0);
    printf("add 3=%d, the waiting child took one and saw %d\n", r, WEXITSTATUS(status) - 10);
    pid = fork();
    if (pid == 0)
        _exit(op(id, 0, -2, SEM_UNDO) == 0 ? semctl(id, 0, GETVAL) : 99);
    waitpid(pid, &status, 0);
    printf("child with SEM_UNDO saw %d, after its exit %d\n", WEXITSTATUS(status), semctl(id, 0, GETVAL));

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = onalarm;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    /* The signal comes from a child once we sleep in semop: an alarm could ring before. */
    pid = fork();
    if (pid == 0) {
        await_sleepers(id, 1, 1);
        kill(getppid(), SIGALRM);
        _exit(0);
    }
    r = op(id, 1, -9, 0);
    printf("semop interrupted with SA_RESTART=%d %s\n", r, strerror(errno));
    fflush(stdout);
    waitpid(pid, NULL, 0);

    pid = fork();
    if (pid == 0) {
        r = op(id, 1, -9, 0);
        _exit(r == -1 && errno == EIDRM ? 0 : 1);
    }
    await_sleepers(id, 1, 1);
    r = semctl(id, 0, IPC_RMID);
    waitpid(pid, &status, 0);
    printf("IPC_RMID=%d, the sleeper got EIDRM: %d\n", r, WEXITSTATUS(status) == 0);
    r = semctl(id, 0, GETVAL);
    printf("GETVAL after IPC_RMID=%d %s\n", r, strerror(errno));
    r = op(id, 0, 1, 0);
    printf("semop after IPC_RMID=%d %s\n", r, strerror(errno));
    return 0;
}
