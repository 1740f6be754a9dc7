/* gethostname(2): the node name with its NUL when it fits; a buffer too small for the name
   and its NUL gets the first len bytes, no NUL, and -1 with ENAMETOOLONG (glibc copies from
   uname(2) itself). The model's machine is "forklab"; the check reads the real machine's
   name as the model's. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    char name[256];
    int r = gethostname(name, sizeof name);
    printf("gethostname=%d host %s\n", r, name);
    size_t len = strlen(name);
    char small[256];
    memset(small, '#', sizeof small);
    r = gethostname(small, len);
    printf("len %s: %d %s, NUL written: %d, bytes match: %d\n", "strlen", r, strerror(errno), memchr(small, 0, len) != NULL, memcmp(small, name, len) == 0);
    errno = 0;
    r = gethostname(small, len + 1);
    printf("len strlen+1: %d %s, same name: %d\n", r, strerror(errno), strcmp(small, name) == 0);
    return 0;
}
