// The real half of `forklab check` on our student-style servers (gcc, loopback TCP, /proc):
// the right ones pass every check, each mistake fails the check named for it and no other;
// after any check no process the check started is left (found by what this test started, not
// by program name: another run on the machine may be running the same servers); unruly
// servers are stopped and reaped.
import { strict as assert } from "node:assert";
import { basename, join } from "node:path";
import { CHECK_IDS } from "../../src/coach/check/checks";
import { EXERCISES } from "../../src/coach/check/exercises";
import { checkServer } from "../../src/coach/check/run";
import { EXAMPLES_DIR, EXPECTED, SERVERS_DIR } from "../check/expected";
import { leftAfter, Started } from "../started";

const UNRULY = join(__dirname, "..", "check", "unruly");

describe("forklab check, real half", function () {
  this.timeout(120_000);

  for (const { path, exercise, fails } of EXPECTED) {
    const file = basename(path);
    it(`${file}: ${fails ? `fails ${fails} and no other check` : "passes every check"}; nothing is left`, async () => {
      const started = new Started();
      const rep = await started.during(() => checkServer(path, { exercise: EXERCISES[exercise], model: false, examplesDir: EXAMPLES_DIR }));
      assert.equal(rep.cannotRun, undefined);
      assert.deepEqual(rep.results.map((r) => r.id), [...CHECK_IDS]);
      assert.deepEqual(rep.results.filter((r) => !r.ok).map((r) => r.id), fails ? [fails] : [], JSON.stringify(rep.results.filter((r) => !r.ok)));
      assert.deepEqual(await leftAfter(started), []);
    });
  }

  it("a failure carries its /proc evidence", async () => {
    const rep = await checkServer(join(SERVERS_DIR, "echo-keeplisten.c"), { exercise: EXERCISES.echo, model: false, examplesDir: EXAMPLES_DIR, only: ["child-closes-listenfd"] });
    assert.match(rep.results[0].real!.evidence![0], /^\/proc\/\d+\/fd\/3 -> socket:\[\d+\], the socket listening on 127\.0\.0\.1:\d+$/);
  });

  for (const name of ["spin", "forkmany", "flood"]) {
    it(`${name}.c is stopped with its whole group and reaped, in bounded time`, async () => {
      const t = Date.now();
      const started = new Started();
      const rep = await started.during(() => checkServer(join(UNRULY, `${name}.c`), { exercise: EXERCISES.echo, model: false, examplesDir: EXAMPLES_DIR, only: ["echo"] }));
      assert.equal(rep.results[0].ok, false);
      assert.ok(Date.now() - t < 20_000);
      assert.deepEqual(await leftAfter(started), []);
    });
  }

  it("a server that exits before it listens cannot be started; one that does not compile cannot be built", async () => {
    const quits = await checkServer(join(UNRULY, "nolisten.c"), { exercise: EXERCISES.echo, model: false });
    assert.match(quits.cannotRun ?? "", /exited with status 3 before it listened on port \d+ \("nolisten: giving up"\)/);
    const broken = await checkServer(join(UNRULY, "broken.c"), { exercise: EXERCISES.echo, model: false });
    assert.match(broken.cannotRun ?? "", /gcc failed for broken\.c/);
  });
});
