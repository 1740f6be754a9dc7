/* stat, fstat, lstat and the S_IS* tests; opendir/readdir/closedir and open() of a
   directory: results and the errno cases of their man pages (ENOENT, ENOTDIR, EBADF,
   EISDIR). Entries are filtered by a prefix: the real run's folder holds other files. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <dirent.h>

int main(void)
{
    struct stat sb;
    int fd = open("cf_a.txt", O_CREAT | O_WRONLY | O_TRUNC, 0640);
    write(fd, "hello\n", 6);
    int r = fstat(fd, &sb);
    printf("fstat=%d size=%ld reg=%d mode=%o\n", r, (long)sb.st_size, S_ISREG(sb.st_mode), sb.st_mode & 0777);
    close(fd);
    r = stat("cf_a.txt", &sb);
    printf("stat=%d size=%ld reg=%d dir=%d nlink=%ld\n", r, (long)sb.st_size, S_ISREG(sb.st_mode), S_ISDIR(sb.st_mode), (long)sb.st_nlink);
    r = lstat("cf_a.txt", &sb);
    printf("lstat=%d reg=%d lnk=%d\n", r, S_ISREG(sb.st_mode), S_ISLNK(sb.st_mode));
    r = stat("cf_missing", &sb);
    printf("stat missing=%d %s\n", r, strerror(errno));
    r = stat("", &sb);
    printf("stat empty=%d %s\n", r, strerror(errno));
    r = stat("cf_a.txt/x", &sb);
    printf("stat under a file=%d %s\n", r, strerror(errno));
    r = stat(".", &sb);
    printf("stat dot=%d dir=%d\n", r, S_ISDIR(sb.st_mode));
    int p[2];
    pipe(p);
    fstat(p[0], &sb);
    printf("pipe fifo=%d reg=%d\n", S_ISFIFO(sb.st_mode), S_ISREG(sb.st_mode));
    r = fstat(99, &sb);
    printf("fstat 99=%d %s\n", r, strerror(errno));

    fd = open("cf_b.txt", O_CREAT | O_WRONLY, 0600);
    close(fd);
    DIR *d = opendir(".");
    struct dirent *e;
    int dots = 0, mine = 0, a = 0, b = 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            dots += e->d_type == DT_DIR;
        } else if (strncmp(e->d_name, "cf_", 3) == 0) {
            /* readdir's order is the file system's: count, do not print in order. */
            mine++;
            a += strcmp(e->d_name, "cf_a.txt") == 0 && e->d_type == DT_REG;
            b += strcmp(e->d_name, "cf_b.txt") == 0 && e->d_type == DT_REG;
        }
    }
    printf("dot entries=%d mine=%d cf_a.txt=%d cf_b.txt=%d\n", dots, mine, a, b);
    errno = 0;
    e = readdir(d);
    printf("readdir at the end=%p errno=%d\n", (void *)e, errno);
    printf("closedir=%d\n", closedir(d));
    d = opendir("cf_nope");
    printf("opendir missing=%p %s\n", (void *)d, strerror(errno));
    d = opendir("cf_a.txt");
    printf("opendir a file=%p %s\n", (void *)d, strerror(errno));

    fd = open(".", O_RDONLY);
    char buf[4];
    long n = read(fd, buf, 4);
    printf("open dot=%d read=%ld %s\n", fd, n, strerror(errno));
    fstat(fd, &sb);
    printf("fstat dot dir=%d\n", S_ISDIR(sb.st_mode));
    close(fd);
    fd = open(".", O_WRONLY);
    printf("open dot for writing=%d %s\n", fd, strerror(errno));
    unlink("cf_a.txt");
    unlink("cf_b.txt");
    r = stat("cf_a.txt", &sb);
    printf("stat after unlink=%d %s\n", r, strerror(errno));
    return 0;
}
