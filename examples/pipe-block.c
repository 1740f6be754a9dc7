/*
 * pipe-block.c - a pipe holds a fixed number of bytes. Nobody reads
 * here, so once the buffer is full the writer blocks; an alarm reports
 * how much fitted (64 KiB on Linux by default).
 */
#include "csapp.h"

volatile long written = 0;

void on_alarm(int sig)
{
    char msg[80];
    /* snprintf is not async-signal-safe in general; main is blocked in
     * write and never calls stdio, so it is safe enough here. */
    int len = snprintf(msg, sizeof(msg),
                       "writer blocked after %ld bytes: the pipe is full\n", written);
    write(STDOUT_FILENO, msg, len);
    _exit(0);
}

int main(void)
{
    int fds[2];
    char chunk[1024];

    memset(chunk, 'x', sizeof(chunk));
    Pipe(fds);
    Signal(SIGALRM, on_alarm);
    Alarm(1);
    while (1) {
        Write(fds[1], chunk, sizeof(chunk)); /* blocks when full */
        written += sizeof(chunk);
    }
}
