// A stream whose write(2) fails (its descriptor closed under it): glibc sets the stream's
// error indicator, the call fails (fflush and fclose EOF, fprintf -1, fputs and fputc EOF,
// fwrite 0) and writes nothing more of that stream in the call. Compared with a cc build.
import { strict as assert } from "node:assert";
import { run, same } from "./helpers";

const SRC = `#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    int fd = open("f.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "lost");
    close(fd);
    int r = fflush(f);
    printf("fflush=%d ferror=%d EBADF=%d\\n", r, ferror(f), errno == EBADF);
    clearerr(f);
    setvbuf(f, NULL, _IONBF, 0);
    int n = fprintf(f, "a%db\\n", 5);
    printf("fprintf=%d ferror=%d\\n", n, ferror(f));
    printf("fputs=%d fputc=%d\\n", fputs("xy", f), fputc('z', f));
    printf("fwrite=%zu\\n", fwrite("abc", 1, 3, f));
    static char line[64];
    setvbuf(f, line, _IOLBF, sizeof line);
    printf("line buffered fprintf=%d\\n", fprintf(f, "one\\n%s\\n", "two"));
    printf("fclose=%d\\n", fclose(f));
    FILE *g = fopen("g.txt", "w");
    fputs("ok\\n", g);
    int fl = fflush(g), fe = ferror(g);
    printf("fflush=%d ferror=%d fclose=%d\\n", fl, fe, fclose(g));
    return 0;
}
`;

describe("stdio: a write that fails", function () {
  this.timeout(60000);

  it("fails the call and sets ferror, as on Linux", async () => {
    assert.equal(await same(SRC), "fflush=-1 ferror=1 EBADF=1\nfprintf=-1 ferror=1\nfputs=-1 fputc=-1\nfwrite=0\n" +
      "line buffered fprintf=-1\nfclose=-1\nfflush=0 ferror=0 fclose=0\n");
  });

  it("tries each call's write once: 6 failed writes, as strace shows (\"two\\n\" is never tried)", async () => {
    const r = await run(SRC);
    assert.equal(r.session.trace.filter((e) => e.call === "write" && e.errno === "EBADF").length, 6);
  });
});
