/* POSIX semaphores (sem_overview(7)): sem_init in MAP_SHARED memory is shared across fork;
   sem_wait sleeps until another process posts; sem_trywait fails with EAGAIN at 0;
   sem_getvalue; sem_init with a value past SEM_VALUE_MAX is EINVAL; a handler ends a
   sem_wait with EINTR unless SA_RESTART. Named ones: sem_open with O_CREAT|O_EXCL, EEXIST
   the second time, ENOENT without O_CREAT once unlinked; the value is shared by name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/wait.h>

static void onalarm(int sig) { (void)sig; }

int main(void)
{
    sem_t *s = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int r = sem_init(s, 1, 0);
    int v = -1;
    sem_getvalue(s, &v);
    printf("sem_init=%d value %d\n", r, v);
    r = sem_trywait(s);
    printf("sem_trywait at 0=%d %s\n", r, strerror(errno));
    sem_t big;
    r = sem_init(&big, 0, 3000000000u);
    printf("sem_init past SEM_VALUE_MAX=%d %s\n", r, strerror(errno));
    fflush(stdout);

    pid_t pid = fork();
    if (pid == 0) {
        sem_wait(s);
        sem_wait(s);
        int left;
        sem_getvalue(s, &left);
        _exit(10 + left);
    }
    sleep(1);
    sem_post(s);
    sem_post(s);
    int status;
    waitpid(pid, &status, 0);
    sem_post(s);
    sem_getvalue(s, &v);
    printf("the child took two, saw %d; now %d\n", WEXITSTATUS(status) - 10, v);
    r = sem_trywait(s);
    printf("sem_trywait=%d\n", r);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = onalarm;
    sigaction(SIGALRM, &sa, NULL);
    alarm(1);
    r = sem_wait(s);
    printf("sem_wait interrupted by a handler=%d %s\n", r, strerror(errno));
    sem_destroy(s);
    munmap(s, sizeof(sem_t));

    char name[32];
    snprintf(name, sizeof name, "/cf_sem_%d", (int)getpid() % 100000);
    sem_unlink(name);
    sem_t *n = sem_open(name, O_CREAT | O_EXCL, 0600, 1);
    printf("sem_open created=%d\n", n != SEM_FAILED);
    sem_t *again = sem_open(name, O_CREAT | O_EXCL, 0600, 1);
    printf("sem_open O_EXCL again=%d %s\n", again != SEM_FAILED, strerror(errno));
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        sem_t *c = sem_open(name, 0);
        if (c == SEM_FAILED)
            _exit(1);
        sem_wait(c);
        sem_wait(c);
        sem_close(c);
        _exit(0);
    }
    sleep(1);
    sem_post(n);
    waitpid(pid, &status, 0);
    sem_getvalue(n, &v);
    printf("the child took two by name: %d, value now %d\n", WEXITSTATUS(status) == 0, v);
    r = sem_close(n);
    printf("sem_close=%d\n", r);
    r = sem_unlink(name);
    printf("sem_unlink=%d\n", r);
    r = sem_unlink(name);
    printf("sem_unlink again=%d %s\n", r, strerror(errno));
    n = sem_open(name, 0);
    printf("sem_open without O_CREAT=%d %s\n", n != SEM_FAILED, strerror(errno));
    return 0;
}
