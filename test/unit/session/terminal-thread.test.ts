// Who awaits typing is one fact, read off the Snapshot (contract/terminal.ts): the session's
// "every process is blocked" message, the view's input line and the stepper's refusal all
// ask it. A thread reading the terminal while its process's main thread waits in the kernel
// elsewhere (a read of an empty pipe) awaits typing too: the kernel knew it, the Snapshot
// named the main thread's wait, so the message said to type while the view offered nowhere to.
import { strict as assert } from "node:assert";
import { terminalReaders } from "../../../src/contract/terminal";
import { Stepper } from "../../../src/session/stepper";
import { compile } from "../c/helpers";

const READER_THREAD = `#include <stdio.h>
#include <unistd.h>
#include <pthread.h>
int fds[2];
void *reader(void *arg)
{
    char buf[64];
    fgets(buf, sizeof buf, stdin);
    printf("got %s", buf);
    fflush(stdout);
    write(fds[1], "x", 1);
    return NULL;
}
int main(void)
{
    pthread_t t;
    char c;
    pipe(fds);
    pthread_create(&t, NULL, reader, NULL);
    read(fds[0], &c, 1);
    pthread_join(t, NULL);
    return 0;
}
`;

describe("a thread that reads the terminal", function () {
  this.timeout(60000);

  it("is a terminal reader in the Snapshot, as the session's message says, and the typed line reaches it", async () => {
    const { program } = await compile(READER_THREAD, "reader-thread.c");
    const st = new Stepper({ program, name: "reader-thread", scenario: { stdout: "tty" }, maxSteps: 5000 });
    const r = st.continue();
    assert.match(r.message ?? "", /every process is blocked: .*; type a line for the terminal in the view/);
    assert.deepEqual(terminalReaders(st.current).map((p) => p.pid), [st.mainPid], "the view offers its input line");
    assert.ok(st.ttyInput("hi", "newline").ok);
    assert.equal(st.continue().message, "every process has exited");
    assert.equal(st.history.flatMap((s) => s.output.filter((c) => !c.typed).map((c) => c.text)).join(""), "got hi\n");
  });
});
