/* exit's status is status & 0377: exit(-1) is reported as 255, exit(256) as 0, by wait
 * and by the process's end. The fidelity harness compares them as wait reports them. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    int codes[] = { -1, 256, 511, 3 };
    for (int i = 0; i < 4; i++) {
        int status;
        pid_t p = fork();
        if (p == 0)
            exit(codes[i]);
        waitpid(p, &status, 0);
        printf("exit(%d): WEXITSTATUS %d\n", codes[i], WEXITSTATUS(status));
    }
    exit(-2);
}
