// glibc's exit() hands back a read stream's read-ahead with lseek(fd, -unread, SEEK_CUR).
// On a regular file shared after fork that moves the parent's offset (test/unseen/
// stdin-shared.c, checked against Linux with a file stdin); on a pipe the lseek fails with
// ESPIPE and nothing changes. Both are compared with a real run here.
import { strict as assert } from "node:assert";
import { run, same } from "./helpers";

const reader = `#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    char line[64];
    int n = 0;
    while (n < 6 && fgets(line, sizeof line, stdin)) {
        printf("%d: %s", ++n, line);
        fflush(stdout);
        if (fork() == 0)
            exit(0);
        wait(NULL);
    }
    return 0;
}
`;

describe("exit() and a read stream's read-ahead", function () {
  this.timeout(60000);

  it("on a pipe: the lseek fails with ESPIPE and every line is read once, as on Linux", async () => {
    assert.equal(await same(reader, {}, "a\nb\nc\n"), "1: a\n2: b\n3: c\n");
  });

  it("on a regular file: each child's exit moves the shared offset back to its first unread byte", async () => {
    const r = await run(reader, { stdin: "a\nb\nc\n", stdinFrom: "file" });
    assert.equal(r.stdout, "1: a\n2: b\n3: c\n4: a\n5: b\n6: c\n");
    const seeks = r.session.trace.filter((e) => e.call === "lseek");
    assert.deepEqual(seeks.map((e) => [e.args[0], e.args[1], e.ret]), [[0, -4, 2], [0, -2, 0], [0, -4, 2], [0, -2, 0]]);
  });

  it("_exit leaves the offset alone", async () => {
    const r = await run(reader.replace("exit(0);", "_exit(0);"), { stdin: "a\nb\nc\n", stdinFrom: "file" });
    assert.equal(r.stdout, "1: a\n2: b\n3: c\n");
    assert.equal(r.session.trace.filter((e) => e.call === "lseek").length, 0);
  });
});
