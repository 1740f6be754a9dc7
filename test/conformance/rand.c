/* rand/srand and random/srandom: glibc's sequence (the TYPE_3 additive generator) for the
   default seed 1, for seeds 0 (taken as 1), 42 and a large unsigned one; a child after fork
   continues its parent's sequence. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

static void show(const char *what)
{
    printf("%s:", what);
    for (int i = 0; i < 5; i++)
        printf(" %d", rand());
    printf("\n");
}

int main(void)
{
    show("unseeded");
    srand(1);
    show("srand(1)");
    srand(0);
    show("srand(0)");
    srand(42);
    show("srand(42)");
    srand(4000000000u);
    show("srand(4000000000)");
    srandom(7);
    long r1 = random();
    long r2 = random();
    printf("srandom(7): %ld %ld\n", r1, r2);
    printf("RAND_MAX=%d\n", RAND_MAX);
    srand(99);
    rand();
    fflush(stdout);
    if (fork() == 0) {
        show("child after fork");
        exit(0);
    }
    wait(NULL);
    show("parent after fork");
    return 0;
}
