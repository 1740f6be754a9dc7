// What lets a blocked process go on, as the lenses, the stepper's refusals and the view say
// it: by the call it is blocked in (the kernel's and the thread library's blockedOn).
import { strict as assert } from "node:assert";
import { unblockHint } from "../../../src/contract/unblock";

describe("what a blocked call waits for", () => {
  it("semaphores and condition variables, timed ones with their deadline", () => {
    assert.equal(unblockHint("sem_wait(0x601040)"), "it waits for a sem_post");
    assert.equal(unblockHint("sem_timedwait(0x601040)"), "it waits for a sem_post, or for its deadline (then ETIMEDOUT)");
    // The thread library's own wording, a space before the parenthesis.
    assert.equal(unblockHint("pthread_cond_wait (until a signal or broadcast)"), "it waits for another thread to signal the condition");
    assert.equal(unblockHint("pthread_cond_timedwait (until a signal, a broadcast or the deadline)"),
      "it waits for another thread to signal the condition, or for its deadline (then ETIMEDOUT)");
  });

  it("a read by what it reads: a pipe's writer, a socket's peer, the terminal", () => {
    assert.match(unblockHint("read(3)", false, "pipe"), /^it waits for a writer to write into the pipe \(or for every write end to close: then read returns 0, EOF\)$/);
    assert.match(unblockHint("read(4)", false, "socket"), /^it waits for data from the other end of the connection/);
    assert.match(unblockHint("read(0)", true), /^type a line for the terminal in the view/);
  });
});
