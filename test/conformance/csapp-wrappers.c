/* The CS:APP wrappers beyond the process basics: Stat/Fstat, the directory wrappers,
   Realloc, Fdopen/Fread/Fwrite, Inet_ntop/Inet_pton, Gethostbyname/Gethostbyaddr,
   Setpgid, Mmap/Munmap, Pthread_once, Execve; and the error exits: each failing
   wrapper, in a child of its own, prints "<Name> error: <reason>" and exits with 1. */
#include "csapp.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int inits = 0;
static void init(void) { inits++; }

static void *worker(void *arg)
{
    Pthread_once(&once, init);
    return arg;
}

/* Run f in a child and report how it ended. */
static void in_child(const char *what, void (*f)(void))
{
    int status;
    fflush(stdout);
    if (Fork() == 0) {
        f();
        exit(0);
    }
    Wait(&status);
    printf("%s: exited=%d status=%d\n", what, WIFEXITED(status), WEXITSTATUS(status));
}

static void stat_missing(void) { struct stat sb; Stat("cf_no_such_file", &sb); }
static void opendir_missing(void) { Opendir("cf_no_such_dir"); }
static void fstat_bad(void) { struct stat sb; Fstat(77, &sb); }
static void pton_bad(void) { struct in_addr a; Inet_pton(AF_INET, "300.1.2.3", &a); }
static void close_bad(void) { Close(77); }
static void host_bad(void) { Gethostbyname("no-such-host.invalid"); }

int main(void)
{
    struct stat sb;
    int fd = Open("cf_w.txt", O_CREAT | O_TRUNC | O_RDWR, 0644);
    FILE *fp = Fdopen(fd, "w+");
    Fwrite("abcdef", 1, 6, fp);
    fflush(fp);
    Fstat(fd, &sb);
    printf("Fstat size=%ld\n", (long)sb.st_size);
    rewind(fp);
    char buf[16] = { 0 };
    size_t n = Fread(buf, 2, 5, fp);
    printf("Fread=%zu \"%s\"\n", n, buf);
    Fclose(fp);
    Stat("cf_w.txt", &sb);
    printf("Stat regular=%d size=%ld\n", S_ISREG(sb.st_mode), (long)sb.st_size);

    DIR *d = Opendir(".");
    struct dirent *e;
    int found = 0;
    while ((e = Readdir(d)) != NULL)
        found += strcmp(e->d_name, "cf_w.txt") == 0;
    printf("Readdir found cf_w.txt %d time(s); Closedir=%d\n", found, Closedir(d));

    int *v = Malloc(4 * sizeof(int));
    for (int i = 0; i < 4; i++) v[i] = i * 10;
    v = Realloc(v, 100 * sizeof(int));
    printf("Realloc kept %d %d %d %d\n", v[0], v[1], v[2], v[3]);
    Free(v);

    struct in_addr a;
    char text[INET_ADDRSTRLEN];
    Inet_pton(AF_INET, "10.1.2.3", &a);
    Inet_ntop(AF_INET, &a, text, sizeof(text));
    printf("Inet_pton/Inet_ntop: %s (first byte %d)\n", text, ((unsigned char *)&a)[0]);
    struct hostent *h = Gethostbyname("localhost");
    Inet_ntop(AF_INET, h->h_addr_list[0], text, sizeof(text));
    printf("Gethostbyname(localhost): %s %s len=%d\n", h->h_name, text, h->h_length);
    h = Gethostbyaddr((const char *)h->h_addr_list[0], 4, AF_INET);
    printf("Gethostbyaddr(127.0.0.1): %s\n", h->h_name);

    int *shared = Mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    *shared = 1;
    fflush(stdout);
    if (Fork() == 0) {
        Setpgid(0, 0);
        *shared = 3;
        exit(0);
    }
    Wait(NULL);
    printf("child wrote %d through the shared mapping\n", *shared);
    Munmap(shared, 4096);

    pthread_t t1, t2;
    Pthread_create(&t1, NULL, worker, NULL);
    Pthread_create(&t2, NULL, worker, NULL);
    Pthread_join(t1, NULL);
    Pthread_join(t2, NULL);
    Pthread_once(&once, init);
    printf("Pthread_once ran the routine %d time(s)\n", inits);

    in_child("Stat of a missing file", stat_missing);
    in_child("Opendir of a missing directory", opendir_missing);
    in_child("Fstat of a closed descriptor", fstat_bad);
    in_child("Inet_pton of a bad address", pton_bad);
    in_child("Close of a closed descriptor", close_bad);
    in_child("Gethostbyname of an unknown host", host_bad);

    fflush(stdout);
    if (Fork() == 0) {
        char *argv[] = { "echo", "Execve ran echo", NULL };
        char *envp[] = { NULL };
        Execve("/bin/echo", argv, envp);
    }
    Wait(NULL);
    unlink("cf_w.txt");
    return 0;
}
