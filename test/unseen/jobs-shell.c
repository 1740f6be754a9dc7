/* A tiny job-control shell in the style of a textbook's chapter 8: each job runs in a
   process group of its own (setpgid), so the keyboard's SIGINT and SIGTSTP reach only the
   shell, which passes them on to the foreground job's group with kill(-pgid, sig).
   SIGCHLD (with SIGINT and SIGTSTP) is blocked everywhere but in sigsuspend, so also
   around fork and addjob: a child cannot be reaped before it is in the job table. The
   SIGCHLD handler reaps with waitpid(WNOHANG|WUNTRACED|WCONTINUED) and reports; the shell
   waits for a job with sigsuspend. Built-ins: jobs, fg %N, bg %N, stop %N (SIGTSTP to the
   job's group), kill %N (SIGTERM to it), quit. Commands come from stdin, one per line; a
   trailing & runs one in the background. */
#include "csapp.h"

#define MAXJOBS 8
#define MAXARGS 16

enum state { FREE, FG, BG, ST };

struct job {
    pid_t pid;                 /* also the job's process group */
    int jid;
    enum state state;
    char cmdline[MAXLINE];
};

static struct job jobs[MAXJOBS];
static volatile sig_atomic_t keyboard;   /* SIGINT or SIGTSTP the shell caught, 0 if none */

static struct job *byjid(int jid)
{
    for (int i = 0; i < MAXJOBS; i++)
        if (jobs[i].state != FREE && jobs[i].jid == jid)
            return &jobs[i];
    return NULL;
}

static struct job *bypid(pid_t pid)
{
    for (int i = 0; i < MAXJOBS; i++)
        if (jobs[i].state != FREE && jobs[i].pid == pid)
            return &jobs[i];
    return NULL;
}

static struct job *fgjob(void)
{
    for (int i = 0; i < MAXJOBS; i++)
        if (jobs[i].state == FG)
            return &jobs[i];
    return NULL;
}

static struct job *addjob(pid_t pid, enum state state, const char *cmdline)
{
    for (int i = 0; i < MAXJOBS; i++) {
        if (jobs[i].state == FREE) {
            jobs[i].pid = pid;
            jobs[i].state = state;
            jobs[i].jid = i + 1;          /* the lowest free number */
            strcpy(jobs[i].cmdline, cmdline);
            return &jobs[i];
        }
    }
    return NULL;
}

/* Report "Job [jid] (pid) what N" with the async-signal-safe sio functions. */
static void report(struct job *j, const char *what, int sig)
{
    Sio_puts("Job [");
    Sio_putl(j->jid);
    Sio_puts("] (");
    Sio_putl(j->pid);
    Sio_puts(") ");
    Sio_puts((char *)what);
    Sio_putl(sig);
    Sio_puts("\n");
}

/* Reap every child that ended, note every one that stopped or continued. */
static void sigchld_handler(int sig)
{
    int olderrno = errno, status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG | WUNTRACED | WCONTINUED)) > 0) {
        struct job *j = bypid(pid);
        if (j == NULL)
            continue;
        if (WIFSTOPPED(status)) {
            j->state = ST;
            report(j, "stopped by signal ", WSTOPSIG(status));
        } else if (WIFCONTINUED(status)) {
            if (j->state == ST)
                j->state = BG;
        } else {
            if (WIFSIGNALED(status))
                report(j, "terminated by signal ", WTERMSIG(status));
            else if (WEXITSTATUS(status) != 0)
                report(j, "exited with status ", WEXITSTATUS(status));
            j->state = FREE;
        }
    }
    errno = olderrno;
}

/* The keyboard's signals only say what happened; the shell passes them on outside the handler. */
static void keyboard_handler(int sig)
{
    keyboard = sig;
}

/* Wait until job j is gone or in state `until`. SIGCHLD, SIGINT and SIGTSTP are blocked
   outside sigsuspend, so their handlers run only here; what the keyboard sent goes on to
   the foreground job's whole group (and is dropped when no job is in the foreground). */
static void waitfor(struct job *j, enum state until, sigset_t *prev)
{
    for (;;) {
        if (keyboard) {
            if (j->state == FG)
                Kill(-j->pid, keyboard);
            keyboard = 0;
        }
        if (j->state == FREE || j->state == until)
            return;
        Sigsuspend(prev);
    }
}

static int parse(char *line, char **argv)
{
    int argc = 0;
    char *tok = strtok(line, " \t\n");
    while (tok != NULL && argc < MAXARGS - 1) {
        argv[argc++] = tok;
        tok = strtok(NULL, " \t\n");
    }
    argv[argc] = NULL;
    return argc;
}

/* Start argv as a job. The child is in its group before the shell goes on: a pipe whose
   write end closes on exec tells the shell when the exec happened (or the child ended). */
static void launch(char **argv, int bg, const char *cmdline, sigset_t *prev)
{
    int sync[2];
    char b;
    Pipe(sync);
    fcntl(sync[1], F_SETFD, FD_CLOEXEC);
    pid_t pid = Fork();
    if (pid == 0) {
        Close(sync[0]);
        Setpgid(0, 0);
        Sigprocmask(SIG_SETMASK, prev, NULL);
        execvp(argv[0], argv);
        printf("%s: Command not found\n", argv[0]);
        fflush(stdout);
        _exit(127);
    }
    Close(sync[1]);
    Read(sync[0], &b, 1);
    Close(sync[0]);
    struct job *j = addjob(pid, bg ? BG : FG, cmdline);
    if (bg)
        printf("[%d] (%d) %s\n", j->jid, j->pid, cmdline);
    else
        waitfor(j, ST, prev);
}

/* jobs, fg, bg, stop, kill, quit: 1 if argv was one of them. */
static int builtin(char **argv, sigset_t *prev)
{
    if (strcmp(argv[0], "quit") == 0)
        exit(0);
    if (strcmp(argv[0], "jobs") == 0) {
        for (int i = 0; i < MAXJOBS; i++)
            if (jobs[i].state != FREE)
                printf("[%d] (%d) %s %s\n", jobs[i].jid, jobs[i].pid,
                       jobs[i].state == ST ? "Stopped" : "Running", jobs[i].cmdline);
        return 1;
    }
    const char *verbs[] = { "fg", "bg", "stop", "kill" };
    for (int v = 0; v < 4; v++) {
        if (strcmp(argv[0], verbs[v]) != 0)
            continue;
        struct job *j = argv[1] && argv[1][0] == '%' ? byjid(atoi(argv[1] + 1)) : NULL;
        if (j == NULL) {
            printf("%s: no such job\n", argv[0]);
            return 1;
        }
        if (v <= 1) {                          /* fg, bg: continue the whole group */
            if (j->state == ST) {
                Kill(-j->pid, SIGCONT);
                waitfor(j, BG, prev);          /* the handler saw it continue */
            }
            if (v == 1) {
                printf("[%d] (%d) %s\n", j->jid, j->pid, j->cmdline);
            } else {
                j->state = FG;
                printf("[%d] (%d) %s in the foreground\n", j->jid, j->pid, j->cmdline);
                fflush(stdout);
                waitfor(j, ST, prev);
            }
        } else {
            Kill(-j->pid, v == 2 ? SIGTSTP : SIGTERM);
            waitfor(j, v == 2 ? ST : FREE, prev);
        }
        return 1;
    }
    return 0;
}

int main(void)
{
    char line[MAXLINE], cmdline[MAXLINE], *argv[MAXARGS];
    sigset_t waited, prev;

    Signal(SIGCHLD, sigchld_handler);
    Signal(SIGINT, keyboard_handler);
    Signal(SIGTSTP, keyboard_handler);
    Sigemptyset(&waited);
    Sigaddset(&waited, SIGCHLD);
    Sigaddset(&waited, SIGINT);
    Sigaddset(&waited, SIGTSTP);
    Sigprocmask(SIG_BLOCK, &waited, &prev);  /* these three only inside sigsuspend */

    while (fgets(line, MAXLINE, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        strcpy(cmdline, line);
        printf("+ %s\n", cmdline);
        fflush(stdout);
        int argc = parse(line, argv);
        if (argc == 0)
            continue;
        int bg = strcmp(argv[argc - 1], "&") == 0;
        if (bg)
            argv[--argc] = NULL;
        if (argc == 0 || builtin(argv, &prev))
            continue;
        launch(argv, bg, cmdline, &prev);
        fflush(stdout);
    }
    return 0;
}
