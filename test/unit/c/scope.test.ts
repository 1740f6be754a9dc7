// Where a name is in scope: from the end of its declarator (C11 6.2.1p7), so its own
// initializer can use it. Compared with a cc-compiled run.
import { strict as assert } from "node:assert";
import { same } from "./helpers";

describe("a declared name's scope", function () {
  this.timeout(60000);

  it("a local is in scope in its own initializer: malloc(sizeof *n), a for-loop pointer naming the one before it", async () => {
    const out = await same(`#include <stdio.h>
#include <stdlib.h>

typedef struct node { int val; struct node *next; } node_t;

int main(void) {
    node_t *head = NULL;
    for (int i = 0; i < 3; i++) {
        node_t *n = malloc(sizeof *n);
        n->val = i;
        n->next = head;
        head = n;
    }
    int total = 0;
    for (node_t *p = head, *q = p ? p->next : NULL; p; p = q, q = q ? q->next : NULL) total += p->val;
    long cells[4], count = sizeof cells / sizeof cells[0];
    char *name = malloc(sizeof *name * 6);
    snprintf(name, sizeof *name * 6, "n=%ld", count);
    printf("%d %zu %s\\n", total, sizeof *head, name);
    return 0;
}
`);
    assert.equal(out, "3 16 n=4\n");
  });

  it("a global or static local is declared before its initializer, which may take its address", async () => {
    const out = await same(`#include <stdio.h>

typedef struct node { int val; struct node *next; } node_t;
node_t nil = { -1, &nil };
void *self = &self;

int main(void) {
    static node_t ring = { 7, &ring };
    printf("%d %d %d %d\\n", nil.next->val, ring.next->next->val, nil.next == &nil, self == &self);
    return 0;
}
`);
    assert.equal(out, "-1 7 1 1\n");
  });
});
