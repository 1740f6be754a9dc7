// Close-on-exec, a flag of the descriptor (not of the open file): O_CLOEXEC at open,
// F_SETFD later, F_DUPFD's copy without it and F_DUPFD_CLOEXEC's with it, from the lowest
// free number at or above the one asked for.
import { strict as assert } from "node:assert";
import { same } from "./helpers";

describe("close-on-exec: O_CLOEXEC, F_SETFD, F_DUPFD and F_DUPFD_CLOEXEC", function () {
  this.timeout(60000);

  it("each descriptor has its own flag; the copies start at the number asked for", async () => {
    const out = await same(`#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    int plain = open("f.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int marked = open("f.txt", O_RDONLY | O_CLOEXEC);
    int copy = fcntl(marked, F_DUPFD, 10);
    int ccopy = fcntl(plain, F_DUPFD_CLOEXEC, 0);
    int again = fcntl(plain, F_DUPFD_CLOEXEC, 10);
    fcntl(plain, F_SETFD, FD_CLOEXEC);
    printf("%d %d %d %d %d\\n", plain, marked, copy, ccopy, again);
    printf("%d %d %d %d %d\\n", fcntl(plain, F_GETFD), fcntl(marked, F_GETFD), fcntl(copy, F_GETFD),
           fcntl(ccopy, F_GETFD), fcntl(again, F_GETFD));
    printf("%d\\n", fcntl(plain, F_DUPFD_CLOEXEC, -1));
    return 0;
}
`);
    assert.equal(out, "3 4 10 5 11\n1 1 0 1 1\n-1\n");
  });
});
