/*
 * orphan.c - a process whose parent exits first is an orphan: the kernel
 * gives it a new parent, init (pid 1) or the nearest ancestor that made
 * itself a "subreaper" (systemd --user does), and the adopter reaps it
 * when it exits - if the adopter calls wait, as init does.
 *
 * The program's first process is only a witness. Its child ("the parent")
 * forks the orphan-to-be and exits at once. The witness's waitpid returns
 * only after that exit is complete, adoption included, so it then tells
 * the orphan to look: no timing guesses.
 */
#include "csapp.h"

int main(void)
{
    int go[2], done[2];
    pid_t parent;
    char c;

    Pipe(go);                      /* witness -> orphan: "look now" */
    Pipe(done);                    /* orphan -> witness: EOF when it ends */
    if ((parent = Fork()) == 0) {
        if (Fork() == 0) {         /* the orphan-to-be */
            Close(go[1]);
            Close(done[0]);
            Read(go[0], &c, 1);    /* wait until the witness says so */
            if (getppid() != parent)
                printf("orphan: my parent exited; I was adopted\n");
            else
                printf("orphan: my parent is still here\n");
            exit(0);               /* the adopter reaps me */
        }
        exit(0);                   /* the parent exits without waiting */
    }
    Close(go[0]);
    Close(done[1]);
    Waitpid(parent, NULL, 0);      /* the parent is gone and reaped */
    printf("witness: the parent has exited\n");
    fflush(stdout);
    Write(go[1], "x", 1);
    Read(done[0], &c, 1);          /* 0: the orphan has exited */
    printf("witness: the orphan has exited too\n");
    exit(0);
}
