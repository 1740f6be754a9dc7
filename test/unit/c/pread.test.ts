// pread and pwrite: at an offset of their own, the open file's offset (shared after dup and
// fork) left where it was; an O_APPEND file takes pwrite's bytes at its end anyway, as on
// Linux; a pipe has no offset (ESPIPE). Compared with a cc build.
import { strict as assert } from "node:assert";
import { same } from "./helpers";

describe("pread and pwrite", function () {
  this.timeout(60000);

  it("read and write at an offset without moving the file's", async () => {
    const out = await same(`#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    char buf[16] = {0};
    int fd = open("p.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "0123456789", 10);
    printf("%zd %zd ", pread(fd, buf, 4, 3), pwrite(fd, "ab", 2, 1));
    printf("%s %ld\\n", buf, (long)lseek(fd, 0, SEEK_CUR));
    int ap = open("p.txt", O_WRONLY | O_APPEND);
    pwrite(ap, "Z", 1, 0);
    memset(buf, 0, sizeof buf);
    printf("%zd %s\\n", pread(fd, buf, sizeof buf - 1, 0), buf);
    int p[2];
    pipe(p);
    ssize_t r = pread(p[0], buf, 1, 0);
    printf("%zd %d ", r, errno == ESPIPE);
    r = pread(fd, buf, 1, -1);
    printf("%zd %d\\n", r, errno == EINVAL);
    return 0;
}
`);
    assert.equal(out, "4 2 3456 10\n11 0ab3456789Z\n-1 1 -1 1\n");
  });

  it("check their errors in Linux's order: a negative offset, then a file without one, then the access mode", async () => {
    const out = await same(`#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *name(int e) { return e == ESPIPE ? "ESPIPE" : e == EINVAL ? "EINVAL" : e == EBADF ? "EBADF" : "other"; }
static void said(const char *what, ssize_t r) { printf("%s %zd %s\\n", what, r, r < 0 ? name(errno) : "-"); }

int main(void) {
    char c = 'x';
    int p[2];
    pipe(p);
    int ro = open("e.txt", O_RDONLY | O_CREAT, 0644);
    said("pread on a pipe's write end", pread(p[1], &c, 1, 0));
    said("pwrite on a pipe's read end", pwrite(p[0], &c, 1, 0));
    said("pread of no descriptor at -1", pread(99, &c, 1, -1));
    said("pread of no descriptor", pread(99, &c, 1, 0));
    said("pwrite on a read-only file", pwrite(ro, &c, 1, 0));
    return 0;
}
`);
    assert.equal(out, "pread on a pipe's write end -1 ESPIPE\npwrite on a pipe's read end -1 ESPIPE\npread of no descriptor at -1 -1 EINVAL\n" +
      "pread of no descriptor -1 EBADF\npwrite on a read-only file -1 EBADF\n");
  });
});
