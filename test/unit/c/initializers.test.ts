// Designated and nested initializers, for the program's own structs and unions and for the
// library's (sigaction's handler lives in an anonymous union; sockaddr_in, timeval), local
// and static, compared with a cc-compiled run.
import { strict as assert } from "node:assert";
import { compile, same } from "./helpers";

describe("designated and nested initializers", function () {
  this.timeout(60000);

  it("library structs: .sa_handler in sigaction's anonymous union, sockaddr_in, timeval", async () => {
    const out = await same(`#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <unistd.h>

void on_usr1(int sig) { write(1, "handled\\n", 8); }

int main(void) {
    struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(15213) };
    struct timeval tv = { .tv_usec = 250 };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    kill(getpid(), SIGUSR1);
    printf("%d %d %ld %ld %d\\n", addr.sin_family, ntohs(addr.sin_port), (long)tv.tv_sec, (long)tv.tv_usec, sa.sa_flags == SA_RESTART);
    return 0;
}
`);
    assert.equal(out, "handled\n2 15213 0 250 1\n");
  });

  it("own structs, unions and arrays: chains (.a.x), nesting, [k], positional after a designator, static storage", async () => {
    const out = await same(`#include <stdio.h>

struct pt { int x, y; };
struct seg { struct pt a, b; char name[8]; int tags[3]; };
union num { int i; char c[4]; };
struct rec { int kind; union { int n; double d; }; int after; };

static struct seg s0 = { .b.y = 8, .name = "static", .tags = { [2] = 5 } };

int main(void) {
    struct seg s = { .b = { .y = 4 }, .a.x = 1, .name = "ab" };
    struct seg t = { { 1, 2 }, { 3 }, "xy", { 7, 8 } };
    struct seg u = { .a = { 9, 9 }, { 5, 6 } };
    int arr[6] = { [2] = 7, 8, [5] = 9 };
    union num v = { .c = { 'a', 'b' } };
    struct rec r = { .d = 2.5, 3 };
    printf("%d %d %d %d %s\\n", s.a.x, s.a.y, s.b.x, s.b.y, s.name);
    printf("%d %d %d %s %d %d\\n", t.a.y, t.b.x, t.b.y, t.name, t.tags[1], t.tags[2]);
    printf("%d %d\\n", u.b.x, u.b.y);
    printf("%d %d %d %d %d %d\\n", arr[0], arr[1], arr[2], arr[3], arr[4], arr[5]);
    printf("%c%c %d\\n", v.c[0], v.c[1], v.c[2]);
    printf("%d %.1f %d\\n", r.kind, r.d, r.after);
    printf("%d %s %d %d\\n", s0.b.y, s0.name, s0.tags[0], s0.tags[2]);
    return 0;
}
`);
    assert.equal(out, "1 0 0 4 ab\n2 3 0 xy 8 0\n5 6\n0 0 7 8 0 9\nab 0\n0 2.5 3\n8 static 0 5\n");
  });

  it("braces left out: {0} starts in sigaction's anonymous union, rows and structs take only what they need", async () => {
    // C11 6.7.9p20. `struct sigaction sa = {0};` used to copy a struct from address 0.
    const out = await same(`#include <signal.h>
#include <stdio.h>

struct t { union { int a; long b; } u; int m; };
struct pt { int x, y; };
struct rec { char name[8]; struct pt at; int tag; };
static struct t gy = { 7, 8 };
static int gm[2][3] = { 1, 2, 3, 4, 5, 6 };
static struct pt gpts[] = { 1, 2, 3, 4, 5 };

int main(void) {
    struct sigaction sa = { 0 };
    struct t y = { 0 };
    int m[2][3] = { 1, 2, 3, 4 };
    struct pt pts[] = { 1, 2, 3, 4, 5 };
    struct pt p0 = { 9, 8 };
    struct rec r = { "ab", 1, 2, 3 }, r2 = { "cd", p0, 4 };
    struct rec rs[] = { "e", 1, 2, 3, "f", { 4, 5 }, 6 };
    int q[3][2] = { 1, 2, [2] = 7, 8 };
    sa.sa_handler = SIG_IGN;
    printf("%d %d %d | %d %d\\n", sa.sa_flags, y.u.a, y.m, gy.u.a, gy.m);
    printf("%d %d %d %d %d %d | %d %d\\n", m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2], gm[1][0], gm[1][2]);
    printf("%zu %d %d | %zu %d\\n", sizeof pts / sizeof pts[0], pts[2].x, pts[2].y, sizeof gpts / sizeof gpts[0], gpts[1].y);
    printf("%s %d %d %d | %s %d %d %d\\n", r.name, r.at.x, r.at.y, r.tag, r2.name, r2.at.x, r2.at.y, r2.tag);
    printf("%zu %s %d %s %d %d\\n", sizeof rs / sizeof rs[0], rs[0].name, rs[0].tag, rs[1].name, rs[1].at.y, rs[1].tag);
    printf("%d %d %d %d %d %d\\n", q[0][0], q[0][1], q[1][0], q[1][1], q[2][0], q[2][1]);
    return 0;
}
`);
    assert.equal(out, "0 0 0 | 7 8\n1 2 3 4 0 0 | 4 6\n3 5 0 | 3 4\nab 1 2 3 | cd 9 8 4\n2 e 3 f 5 6\n1 2 0 0 7 8\n");
  });

  it("a designator that names no field says which struct it looked in", async () => {
    const r = await compile(`#include <signal.h>\nvoid h(int s) {}\nint main(void) { struct sigaction sa = { .sa_handlr = h }; return 0; }\n`);
    assert.match(r.diagnostics.map((d) => d.message).join("\n"), /no field \.sa_handlr in struct sigaction/);
  });
});
