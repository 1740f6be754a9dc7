/* nolisten.c - exits at once without listening: the server cannot be started. */
#include <stdio.h>

int main(void)
{
    fprintf(stderr, "nolisten: giving up\n");
    return 3;
}
