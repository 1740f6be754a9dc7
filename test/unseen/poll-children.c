/*
 * poll-children.c - a parent that does not block: it asks with WNOHANG and sleeps
 * between asks, so a slow child and a quick one are each noticed when they end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
    pid_t quick, slow;
    int left = 2, status, polls = 0;

    if ((quick = fork()) == 0)
        exit(1);
    if ((slow = fork()) == 0) {
        sleep(2);
        exit(2);
    }
    sleep(1);
    while (left > 0) {
        pid_t r = waitpid(-1, &status, WNOHANG);
        if (r > 0) {
            printf("%s child exited with %d\n", r == quick ? "quick" : "slow", WEXITSTATUS(status));
            left--;
        } else {
            polls++;
            sleep(1);
        }
    }
    printf("all reaped\n");
    return 0;
}
