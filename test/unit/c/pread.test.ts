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
});
