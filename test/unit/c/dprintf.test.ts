// dprintf and vdprintf as glibc does them: a FILE attached to the descriptor first asks
// lseek(fd, 0, SEEK_CUR) where it is (ESPIPE on a pipe or socket, which leaves errno as it
// was), then the text goes out in one write; a bad descriptor is -1 with EBADF and nothing
// written. strace shows the lseek before every dprintf's write.
import { strict as assert } from "node:assert";
import { run, same } from "./helpers";

const src = `#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int main(void) {
    int p[2];
    pipe(p);
    errno = EINTR;
    int n = dprintf(p[1], "%d-%s\\n", 42, "pipe");
    printf("to a pipe %d, errno still %s\\n", n, strerror(errno));
    char buf[32] = "";
    read(p[0], buf, sizeof buf - 1);
    printf("read %s", buf);
    errno = 0;
    n = dprintf(99, "nowhere %d\\n", 1);
    printf("bad fd %d %s\\n", n, strerror(errno));
    int f = open("out.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    dprintf(f, "first\\n");
    dprintf(f, "second %d\\n", 2);
    lseek(f, 0, SEEK_SET);
    n = read(f, buf, sizeof buf - 1);
    buf[n] = 0;
    printf("file %s", buf);
    return 0;
}
`;

describe("dprintf", function () {
  this.timeout(60000);

  it("returns what glibc returns and leaves errno as glibc does", async () => {
    const out = await same(src);
    assert.match(out, /to a pipe 8, errno still Interrupted system call\n/);
    assert.match(out, /bad fd -1 Bad file descriptor\n/);
  });

  it("asks lseek(fd, 0, SEEK_CUR) before its write, as strace shows", async () => {
    const r = await run(src);
    const calls = r.session.machine.trace.filter((e) => e.args[0] !== 1).map((e) => `${e.call}(${e.args.join(", ")}) = ${e.ret}${e.errno ? ` ${e.errno}` : ""}`);
    assert.deepEqual(calls.slice(1, 4), ["lseek(4, 0, 1) = -1 ESPIPE", "write(4, 8) = 8", "read(3, 31) = 8"]);
    assert.ok(calls.includes("lseek(99, 0, 1) = -1 EBADF"), calls.join("\n"));
    assert.ok(!calls.some((c) => c.startsWith("write(99")), calls.join("\n"));
  });
});
