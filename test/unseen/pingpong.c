/*
 * pingpong.c - parent and child take turns through two pipes.
 * Each side blocks in read until the other has written: the pipes alone order them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
    int down[2], up[2];
    int ball = 0;

    if (pipe(down) < 0 || pipe(up) < 0) {
        perror("pipe");
        exit(1);
    }
    if (fork() == 0) {
        close(down[1]);
        close(up[0]);
        while (read(down[0], &ball, sizeof ball) == sizeof ball) {
            printf("child got %d\n", ball);
            fflush(stdout);
            ball++;
            write(up[1], &ball, sizeof ball);
        }
        exit(0);
    }
    close(down[0]);
    close(up[1]);
    for (int round = 0; round < 3; round++) {
        write(down[1], &ball, sizeof ball);
        read(up[0], &ball, sizeof ball);
        printf("parent got %d\n", ball);
        fflush(stdout);
        ball++;
    }
    close(down[1]); /* the child's read sees EOF */
    wait(NULL);
    printf("final %d\n", ball);
    return 0;
}
