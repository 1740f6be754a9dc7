/* What setvbuf and setbuf make of a stream's buffer, as glibc 2.36 does: with a NULL buffer
 * the size is ignored (_IOFBF allocates the file's st_blksize at once, 4096 for a file;
 * _IOLBF waits for the first write); a buffer of the caller's is used at its size, and a size
 * under 128 sends what does not fit straight out; a buffer with size 0 makes the stream
 * unbuffered (with _IOLBF still line buffered too: a piece's first byte waits in glibc's
 * one-byte buffer and goes out on its own before the rest); _IONBF writes each piece at once; setbuf with a buffer is BUFSIZ (8192), fully
 * buffered. An unknown mode fails with EOF and leaves the stream as it was. fprintf to an
 * unbuffered stream formats into a BUFSIZ buffer of its own: 10002 bytes are two writes. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

static char text[10000];
static char small[100], mid[200], zero[16], whole[BUFSIZ], linezero[16];

static void put(FILE *f) {
    fwrite(text, 1, 5000, f);
    fputs("a\nb\n", f);
    fputs("c\nd\n", f);
    fwrite(text, 1, 300, f);
    fprintf(f, "%.5000s-%.5000s\n", text, text);
    fputc('e', f);
    fclose(f);
}

int main(void) {
    memset(text, 't', sizeof text);
    const char *names[] = { "sv-full-null.txt", "sv-full-small.txt", "sv-line-mid.txt",
                            "sv-full-zero.txt", "sv-none.txt", "sv-setbuf.txt", "sv-line-null.txt",
                            "sv-line-zero.txt" };
    FILE *f[8];
    for (int i = 0; i < 8; i++)
        f[i] = fopen(names[i], "w");
    setvbuf(f[0], NULL, _IOFBF, 100);
    setvbuf(f[1], small, _IOFBF, sizeof small);
    setvbuf(f[2], mid, _IOLBF, sizeof mid);
    setvbuf(f[3], zero, _IOFBF, 0);
    setvbuf(f[4], NULL, _IONBF, 4096);
    setbuf(f[5], whole);
    setvbuf(f[6], NULL, _IOLBF, 0);
    setvbuf(f[7], linezero, _IOLBF, 0);
    errno = 0;
    int r = setvbuf(f[6], NULL, 7, 0);
    printf("setvbuf with mode 7: %d, errno %d\n", r, errno);
    for (int i = 0; i < 8; i++)
        put(f[i]);
    for (int i = 0; i < 8; i++)
        unlink(names[i]);
    return 0;
}
