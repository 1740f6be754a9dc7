/* fseek, ftell and rewind on a stream: the position after buffered writes, rewind writing
   the buffer out first, EINVAL before the start, ESPIPE on a pipe. (Seeks inside glibc's read
   buffer skip system calls the model makes: not compared here.) */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

int main(void)
{
    FILE *f = fopen("cf_seek.txt", "w+");
    fputs("0123456789", f);
    printf("ftell after write=%ld\n", ftell(f));
    rewind(f);
    int c = fgetc(f);
    printf("after rewind %c\n", c);
    int r = fseek(f, -100, SEEK_SET);
    printf("fseek before the start=%d %s\n", r, strerror(errno));
    fclose(f);
    int p[2];
    pipe(p);
    FILE *pf = fdopen(p[0], "r");
    r = fseek(pf, 0, SEEK_SET);
    printf("fseek on a pipe=%d %s\n", r, strerror(errno));
    long t = ftell(pf);
    printf("ftell on a pipe=%ld %s\n", t, strerror(errno));
    unlink("cf_seek.txt");
    return 0;
}
