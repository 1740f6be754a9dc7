// Where ftell finds a stream's offset, as glibc 2.36's do_ftell: from the offset the stream
// remembers since its own seek and reads (no lseek after rewind and fgets), from the end of
// the file for output waiting in an append stream, and from the kernel otherwise. An "a"
// stream starts at the end of the file (fopen's lseek), so ftell says so before it writes.
import { strict as assert } from "node:assert";
import { run, same } from "./helpers";

const SRC = `#include <stdio.h>
#include <unistd.h>
int main(void) {
    char b[16];
    FILE *f = fopen("t.txt", "w+");
    fputs("hello\\nworld\\n", f);
    printf("%ld ", ftell(f));
    rewind(f);
    fgets(b, sizeof b, f);
    printf("%ld ", ftell(f));
    fclose(f);
    FILE *a = fopen("t.txt", "a");
    printf("%ld ", ftell(a));
    fputs("more", a);
    printf("%ld ", ftell(a));
    fclose(a);
    FILE *r = fopen("t.txt", "r");
    fgets(b, sizeof b, r);
    printf("%ld\\n", ftell(r));
    fclose(r);
    return 0;
}
`;

describe("ftell: the offset a stream knows, and an append stream's end", function () {
  this.timeout(60000);

  it("says what Linux says: 12 6 12 16 6", async () => {
    assert.equal(await same(SRC), "12 6 12 16 6\n");
  });

  it("makes the lseeks glibc makes (strace of the same program)", async () => {
    const r = await run(SRC);
    const seeks = r.session.trace.filter((e) => e.call === "lseek").map((e) => `${e.args[1]},${e.args[2]}=${e.ret}`);
    // SEEK_SET 0, SEEK_CUR 1, SEEK_END 2
    assert.deepEqual(seeks, ["0,1=0", "0,0=0", "0,2=12", "0,1=12", "0,2=12", "0,1=16"]);
  });
});
