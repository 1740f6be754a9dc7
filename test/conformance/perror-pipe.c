/* perror on a stderr that no stdio call has used writes through a stream of its own,
 * fdopen(dup(2), "w+"), so as to leave stderr unused: dup, then fdopen's fcntl(F_GETFL).
 * Here stderr is made a pipe's write end, which "w+" cannot take (it needs reading and
 * writing): the dup is closed and the message goes to stderr after all. Once fprintf has
 * used stderr, perror writes to it straight away. The program reads its messages back. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    int p[2];
    char got[200];
    pipe(p);
    dup2(p[1], 2);
    close(p[1]);
    if (close(42) < 0)
        perror("close");
    fprintf(stderr, "stderr used\n");
    if (close(43) < 0)
        perror("close again");
    if (close(44) < 0)
        perror(NULL);
    close(2);
    ssize_t n = read(p[0], got, sizeof got - 1);
    got[n > 0 ? n : 0] = '\0';
    printf("%s", got);
    return 0;
}
