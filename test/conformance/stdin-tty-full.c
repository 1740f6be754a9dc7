/* stdin on a terminal made fully buffered (setvbuf(stdin, NULL, _IOFBF, 0)): glibc allocates
 * its buffer then, of the terminal's st_blksize (1024), and a fully buffered input stream does
 * not flush stdout before it reads: the prompt stays in stdout's buffer until the newline.
 * fstat gives the same st_blksize for both ends of the terminal. */
#include <stdio.h>
#include <sys/stat.h>

int main(void) {
    char line[64];
    setvbuf(stdin, NULL, _IOFBF, 0);
    printf("name? ");
    if (fgets(line, sizeof line, stdin))
        printf("hello %s", line);
    struct stat in, out;
    fstat(0, &in);
    fstat(1, &out);
    printf("st_blksize: stdin %ld, stdout %ld\n", (long) in.st_blksize, (long) out.st_blksize);
    return 0;
}
