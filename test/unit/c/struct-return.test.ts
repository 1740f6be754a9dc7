// Functions that return a struct by value: the caller copies the returned struct into its
// own frame at once. Compared with a cc-compiled run.
import { strict as assert } from "node:assert";
import { same } from "./helpers";

describe("a struct returned by value", function () {
  this.timeout(60000);

  it("a struct returned by value: from a local, a compound literal, the heap, a global, through a pointer, then passed on", async () => {
    const out = await same(`#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pair { int a, b; char tag[8]; };
struct pair global = { 1, 2, "glob" };

struct pair make(int a, int b) { struct pair p; p.a = a; p.b = b; strcpy(p.tag, "made"); return p; }
struct pair swapped(struct pair p) { return (struct pair){ p.b, p.a, "swap" }; }
struct pair fromHeap(void) { struct pair *h = malloc(sizeof *h); h->a = 7; h->b = 8; strcpy(h->tag, "heap"); struct pair r = *h; free(h); return r; }
struct pair theGlobal(void) { return global; }
int sum(struct pair p) { return p.a + p.b; }
struct pair (*maker)(int, int) = make;

int main(void) {
    struct pair x = make(3, 4);
    struct pair y = swapped(make(5, 6));
    int s = sum(make(10, 20)) + sum(swapped(x));
    x = theGlobal();
    struct pair c = maker(100, 200);
    printf("%d %d %s | %d %d %s | %d | %s %d | %d %s %d\\n", x.a, x.b, x.tag, y.a, y.b, y.tag, s, fromHeap().tag, fromHeap().b,
        make(2, 3).b, c.tag, make(1, 1).a + swapped(c).a);
    return 0;
}
`);
    assert.equal(out, "1 2 glob | 6 5 swap | 37 | heap 8 | 3 made 201\n");
  });
});
