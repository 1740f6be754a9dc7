/*
 * stdin-shared.c - a child's exit() moves a shared stdin.
 * The parent reads commands with fgets: stdio reads the whole file ahead. Each child
 * inherits that buffer and exits with exit(), and glibc's exit gives back the bytes the
 * child did not consume with an lseek on descriptor 0, whose offset the parent shares.
 * When the parent's buffer runs dry it reads again from there: lines come back.
 * (Run with stdin a regular file: ./stdin-shared < commands.txt)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
    char cmd[128];
    int round = 0;

    while (round < 7 && fgets(cmd, sizeof cmd, stdin) != NULL) {
        pid_t pid;
        char *nl = strchr(cmd, '\n');
        if (nl != NULL)
            *nl = '\0';
        round++;
        printf("round %d: %s\n", round, cmd);
        fflush(stdout);
        if ((pid = fork()) == 0)
            exit(0); /* not _exit: stdio's exit handling runs */
        waitpid(pid, NULL, 0);
    }
    printf("stdin offset at the end: %ld\n", (long)lseek(STDIN_FILENO, 0, SEEK_CUR));
    return 0;
}
