// gethostname: the model's machine is "forklab"; what a program sees of the rule (the NUL
// when the name fits, the first len bytes and ENAMETOOLONG when it does not) is compared
// with a cc-compiled run, in words that do not depend on the real machine's name.
import { strict as assert } from "node:assert";
import { run, same } from "./helpers";

const PROBE = `#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    char name[64], small[64];
    int r = gethostname(name, sizeof name);
    size_t len = strlen(name);
    printf("fits: %d, named: %d\\n", r, len > 0);
    memset(small, '#', sizeof small);
    r = gethostname(small, len);
    printf("one short: %d %s, NUL: %d, prefix: %d, after: %c\\n", r, strerror(errno), memchr(small, 0, len) != NULL, memcmp(small, name, len) == 0, small[len]);
    small[0] = '#';
    r = gethostname(small, 0);
    printf("len 0: %d %s, untouched: %c\\n", r, strerror(errno), small[0]);
    return 0;
}
`;

describe("gethostname", function () {
  this.timeout(60000);

  it("copies the name with its NUL when it fits, else the first len bytes and ENAMETOOLONG, as glibc", async () => {
    const out = await same(PROBE);
    assert.equal(out, "fits: 0, named: 1\none short: -1 File name too long, NUL: 0, prefix: 1, after: #\nlen 0: -1 File name too long, untouched: #\n");
  });

  it("names the model's machine forklab, the same every run", async () => {
    const r = await run(`#include <stdio.h>
#include <unistd.h>
int main(void) { char h[32]; gethostname(h, sizeof h); printf("%s\\n", h); return 0; }
`);
    assert.equal(r.stdout, "forklab\n");
  });
  it("the machine finds itself by its name: gethostbyname and getaddrinfo answer, as /etc/hosts does (the model: loopback)", async () => {
    const src = `#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>

int main(void) {
    char h[64];
    gethostname(h, sizeof h);
    struct hostent *e = gethostbyname(h);
    printf("gethostbyname: %d, named so: %d\\n", e != NULL, e && strcmp(e->h_name, h) == 0);
    struct addrinfo hints = { 0 }, *ai;
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    printf("getaddrinfo: %d\\n", getaddrinfo(h, "80", &hints, &ai));
    struct in_addr a;
    printf("inet_pton of the name: %d\\n", inet_pton(AF_INET, h, &a));
    fprintf(stderr, "%s %s\\n", inet_ntoa(*(struct in_addr *)e->h_addr_list[0]), inet_ntoa(((struct sockaddr_in *)ai->ai_addr)->sin_addr));
    return 0;
}
`;
    assert.equal(await same(src), "gethostbyname: 1, named so: 1\ngetaddrinfo: 0\ninet_pton of the name: 0\n");
    // Where the real machine's name leads depends on its /etc/hosts; the model's is loopback.
    assert.equal((await run(src)).stderr, "127.0.0.1 127.0.0.1\n");
  });
});
