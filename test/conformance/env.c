/* getenv, setenv, unsetenv, putenv and environ: values, overwrite rules, the EINVAL cases of
   setenv(3)/unsetenv(3), and that a child inherits the environment across fork and exec. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/wait.h>

extern char **environ;

static int count(const char *prefix)
{
    int n = 0;
    for (char **e = environ; *e; e++)
        n += strncmp(*e, prefix, strlen(prefix)) == 0;
    return n;
}

int main(void)
{
    printf("CF_A before: %s\n", getenv("CF_A") ? getenv("CF_A") : "(null)");
    printf("setenv=%d\n", setenv("CF_A", "one", 0));
    printf("CF_A: %s\n", getenv("CF_A"));
    printf("setenv no overwrite=%d\n", setenv("CF_A", "two", 0));
    printf("CF_A: %s\n", getenv("CF_A"));
    printf("setenv overwrite=%d\n", setenv("CF_A", "three", 1));
    printf("CF_A: %s, in environ %d time(s)\n", getenv("CF_A"), count("CF_A="));
    errno = 0;
    int r = setenv("CF=B", "x", 1);
    printf("setenv with '=' =%d %s\n", r, strerror(errno));
    r = setenv("", "x", 1);
    printf("setenv empty name=%d %s\n", r, strerror(errno));
    r = unsetenv("CF=B");
    printf("unsetenv with '=' =%d %s\n", r, strerror(errno));
    static char entry[] = "CF_P=put";
    r = putenv(entry);
    printf("putenv=%d CF_P=%s\n", r, getenv("CF_P"));
    setenv("CF_EMPTY", "", 1);
    printf("empty value: \"%s\"\n", getenv("CF_EMPTY"));
    fflush(stdout);
    if (fork() == 0) {
        printf("child sees CF_A=%s\n", getenv("CF_A"));
        fflush(stdout);
        execl("/usr/bin/printenv", "printenv", "CF_A", (char *)NULL);
        _exit(127);
    }
    wait(NULL);
    printf("unsetenv=%d\n", unsetenv("CF_A"));
    printf("unsetenv again=%d\n", unsetenv("CF_A"));
    printf("CF_A after: %s, in environ %d time(s)\n", getenv("CF_A") ? getenv("CF_A") : "(null)", count("CF_A="));
    return 0;
}
