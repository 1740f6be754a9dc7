/*
 * fread-vs-read.c - a FILE reads ahead: one fgetc fills its whole buffer
 * with a single read(), so the descriptor's offset moves far past the one
 * byte the program asked for, and a later read() on the same descriptor
 * starts there.
 */
#include "csapp.h"

int main(void)
{
    char buf[4];
    static char stdiobuf[16];      /* a small buffer: easy to see */
    FILE *fp;
    int c;

    fp = Fopen("fread-vs-read.txt", "w+");
    Fputs("ABCDEFGHIJKLMNOPQRSTUVWXYZ", fp);
    Fclose(fp);

    fp = Fopen("fread-vs-read.txt", "r");
    setvbuf(fp, stdiobuf, _IOFBF, sizeof(stdiobuf));
    c = fgetc(fp);                 /* one byte for us, 16 into the buffer */
    printf("fgetc returned '%c'\n", c);
    printf("the descriptor's offset is now %d\n",
           (int)Lseek(fileno(fp), 0, SEEK_CUR));
    Read(fileno(fp), buf, 3);      /* bypasses the FILE buffer */
    buf[3] = '\0';
    printf("read() returned \"%s\", not \"BCD\"\n", buf);
    Fclose(fp);
    unlink("fread-vs-read.txt");
    exit(0);
}
