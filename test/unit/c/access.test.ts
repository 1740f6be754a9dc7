// access(2): whether a path exists and its owner may read, write or execute it, as the one
// user every model process runs as; EACCES, ENOENT, ENOTDIR and EINVAL as Linux gives them.
// Compared with a cc-compiled run where the answer is the same for every user; a file the
// owner may not write is EACCES in the model only (root, who may run the tests, may write it).
import { strict as assert } from "node:assert";
import { run, same } from "./helpers";

describe("access", function () {
  this.timeout(60000);

  it("F_OK, R_OK, W_OK and X_OK on a file, a directory and a missing path", async () => {
    const out = await same(`#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void ask(const char *path, int mode, const char *what) {
    int r = access(path, mode);
    printf("%s %s: %d %s\\n", path, what, r, r < 0 ? strerror(errno) : "ok");
}

int main(void) {
    int fd = open("notes.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    close(fd);
    ask("notes.txt", F_OK, "exists");
    ask("notes.txt", R_OK | W_OK, "rw");
    ask(".", X_OK, "dir x");
    ask("missing.txt", F_OK, "exists");
    ask("missing.txt", R_OK, "r");
    ask("notes.txt/x", F_OK, "under a file");
    ask("notes.txt", 8, "bad mode");
    unlink("notes.txt");
    return 0;
}
`);
    assert.equal(out, [
      "notes.txt exists: 0 ok",
      "notes.txt rw: 0 ok",
      ". dir x: 0 ok",
      "missing.txt exists: -1 No such file or directory",
      "missing.txt r: -1 No such file or directory",
      "notes.txt/x under a file: -1 Not a directory",
      "notes.txt bad mode: -1 Invalid argument",
      "",
    ].join("\n"));
  });

  it("a file its owner may not write: W_OK is EACCES, R_OK is allowed", async () => {
    const r = await run(`#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    close(open("ro.txt", O_CREAT | O_WRONLY, 0444));
    int w = access("ro.txt", W_OK);
    int e = errno;
    printf("%d %d %d\\n", w, e == EACCES, access("ro.txt", R_OK));
    return 0;
}
`);
    assert.equal(r.stdout, "-1 1 0\n");
  });
});
