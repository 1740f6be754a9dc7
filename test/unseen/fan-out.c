/* Fork three workers; each exits with its own code; reap them in pid order. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

#define WORKERS 3

int main(void)
{
    pid_t kids[WORKERS];
    for (int i = 0; i < WORKERS; i++) {
        kids[i] = fork();
        if (kids[i] == 0)
            _exit(10 + i);
    }
    for (int i = 0; i < WORKERS; i++) {
        int st;
        pid_t who = waitpid(kids[i], &st, 0);
        if (who == kids[i] && WIFEXITED(st))
            printf("worker %d -> %d\n", i, WEXITSTATUS(st));
    }
    return 0;
}
