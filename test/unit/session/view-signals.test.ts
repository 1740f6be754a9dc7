// The signals the view offers (its process form, the command list): SIGSTOP was missing
// beside SIGTSTP. It stops a program that ignores SIGTSTP and tried to catch SIGSTOP, as on
// Linux, and SIGCONT lets it go on.
import { strict as assert } from "node:assert";
import { VIEW_SIGNALS, viewMessageProblem } from "../../../src/contract/protocol";
import { Stepper } from "../../../src/session/stepper";
import { compile } from "../c/helpers";

const STUBBORN = `#include <signal.h>
#include <stdio.h>
#include <unistd.h>
void on_stop(int sig) { (void)sig; }
int main(void)
{
    signal(SIGTSTP, SIG_IGN);
    if (signal(SIGSTOP, on_stop) == SIG_ERR)
        printf("SIGSTOP cannot be caught\\n");
    for (;;)
        pause();
}
`;

describe("the signals the view offers", () => {
  it("SIGSTOP is offered and taken by the view's protocol", () => {
    assert.ok((VIEW_SIGNALS as readonly string[]).includes("SIGSTOP"));
    assert.equal(viewMessageProblem({ v: 1, type: "signal", pid: 2, signal: "SIGSTOP" }), undefined);
  });

  it("SIGSTOP stops a program that ignores SIGTSTP and cannot catch SIGSTOP; SIGCONT lets it go on", async () => {
    const { program } = await compile(STUBBORN, "stubborn.c");
    const st = new Stepper({ program, name: "stubborn", scenario: { stdout: "tty" }, maxSteps: 200 });
    st.continue();
    const me = () => st.current.processes.find((p) => p.pid === st.mainPid)!;
    assert.equal(me().state, "blocked", "in pause()");
    assert.ok(st.signal(st.mainPid, "SIGTSTP").ok);
    assert.equal(me().state, "blocked", "SIGTSTP is ignored");
    assert.ok(st.signal(st.mainPid, "SIGSTOP").ok);
    assert.equal(me().state, "stopped");
    assert.ok(st.signal(st.mainPid, "SIGCONT").ok);
    assert.notEqual(me().state, "stopped");
  });
});
