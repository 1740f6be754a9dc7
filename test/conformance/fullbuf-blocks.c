/* A fully buffered stdout (a pipe) has a buffer of the pipe's st_blksize, 4096 bytes. printf
 * puts its pieces into the stream one by one: a piece that does not fit fills the buffer, the
 * buffer is written, and whole blocks of the rest go straight out (three writes of 4096 for
 * two 8000-byte %s after 100 bytes, not 4096 and 8192). A buffer filled exactly is kept until
 * the next byte: here fork copies it, and parent and child each write it at exit. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static char text[8001];

int main(void) {
    memset(text, 'a', 8000);
    fwrite(text, 1, 100, stdout);
    printf("%s%s", text, text);
    fflush(stdout);
    fwrite(text, 1, 5000, stdout);
    fwrite(text, 1, 4096 - 904, stdout);
    putchar('b');
    fflush(stdout);
    fwrite(text, 1, 4096, stdout);
    pid_t pid = fork();
    if (pid == 0)
        return 0;
    waitpid(pid, NULL, 0);
    return 0;
}
