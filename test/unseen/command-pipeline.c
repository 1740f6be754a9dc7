/* Lecture-style exec of the system's commands: "ls FILES | sort -r" built by hand with
   pipe, fork, dup2 and execvp (each stage a child; the parent closes every end and waits
   for both), then the same kind of work through the C library: popen reading
   grep's count, popen writing into sort, and system() running grep through sh. The
   files it lists are made first and removed at the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/wait.h>

static const char *names[] = { "apple.txt", "banana.txt", "cherry.txt", "damson.txt" };

/* Start argv with stdin from in and stdout to out (-1: keep the shell's). */
static pid_t stage(char *const argv[], int in, int out, int unused)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (in >= 0) { dup2(in, 0); close(in); }
        if (out >= 0) { dup2(out, 1); close(out); }
        if (unused >= 0) close(unused);
        execvp(argv[0], argv);
        perror(argv[0]);
        _exit(127);
    }
    return pid;
}

int main(void)
{
    for (int i = 0; i < 4; i++) {
        char text[64];
        int n = snprintf(text, sizeof text, "%s has 2 lines\nfruit %d\n", names[i], i + 1);
        int fd = open(names[i], O_CREAT | O_WRONLY | O_TRUNC, 0644);
        write(fd, text, n);
        close(fd);
    }

    char *ls[] = { "ls", "cherry.txt", "apple.txt", "damson.txt", "banana.txt", NULL };
    char *sort[] = { "sort", "-r", NULL };
    int a[2];
    pipe(a);
    pid_t p1 = stage(ls, -1, a[1], a[0]);
    close(a[1]);
    fflush(stdout);
    pid_t p2 = stage(sort, a[0], -1, -1);
    close(a[0]);
    int st;
    pid_t order[] = { p1, p2 };
    for (int i = 0; i < 2; i++) {
        waitpid(order[i], &st, 0);
        printf("stage %d exited with %d\n", i + 1, WEXITSTATUS(st));
    }

    FILE *in = popen("grep -c fruit apple.txt banana.txt", "r");
    char line[128];
    while (fgets(line, sizeof line, in) != NULL)
        printf("grep says %s", line);
    printf("pclose: %d\n", WEXITSTATUS(pclose(in)));

    fflush(stdout);
    FILE *out = popen("sort", "w");
    fprintf(out, "pear\nfig\nkiwi\n");
    printf("sort exited with %d\n", WEXITSTATUS(pclose(out)));

    fflush(stdout);
    int r = system("grep -q plum damson.txt");
    printf("system: exited %d, status %d\n", WIFEXITED(r), WEXITSTATUS(r));

    for (int i = 0; i < 4; i++)
        unlink(names[i]);
    return 0;
}
