// docs/stepper.md's list of what is not supported: each entry gives the diagnostic the list
// quotes, at compile time (the program does not load) or as a note where the process stops
// or the call fails. One test per entry, with the smallest program that uses it.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compile, run } from "./helpers";

interface Entry {
  what: string;
  program: string;
  /** The text the diagnostic holds, as the list quotes it. */
  says: string;
  when: "compile" | "run";
}

const main = (body: string, head = "") => `#include <stdio.h>\n#include <unistd.h>\n${head}\nint main(void) {\n${body}\nreturn 0;\n}\n`;

const ENTRIES: Entry[] = [
  { what: "bit-fields", program: main("struct f { unsigned a : 3; } x; x.a = 1;"), says: "bit-fields are not supported", when: "compile" },
  { what: "variable-length arrays", program: main("int n = getpid() % 3 + 1; int a[n]; a[0] = 1;"), says: "variable-length arrays are not supported: give the array a constant size (or use malloc)", when: "compile" },
  { what: "a case label inside an inner block", program: main("switch (getpid()) { case 0: { case 1: puts(\"one\"); } break; }"), says: "case label outside the switch's own braces is not supported", when: "compile" },
  { what: "typeof of an expression", program: main("int a = 1; typeof(a + 1) b = a; printf(\"%d\\n\", b);"), says: "typeof of an expression is not supported: give it a variable's name or a type", when: "compile" },
  { what: "scanf's floating-point conversions", program: main("float f; sscanf(\"1.5\", \"%f\", &f);"), says: "scanf conversion '%f' is not supported", when: "run" },
  { what: "a library function the model lacks", program: main("siginterrupt(SIGINT, 1);", "#include <signal.h>"), says: "function 'siginterrupt' is not defined and is not one of the built-in library functions", when: "compile" },
  { what: "System V message queues", program: main("msgget(IPC_PRIVATE, 0600);", "#include <sys/msg.h>"), says: "System V message queues are not modelled", when: "compile" },
  { what: "record locks", program: main("struct flock fl; fl.l_type = 1;", "#include <fcntl.h>"), says: "record locks (fcntl's struct flock) are not modelled", when: "compile" },
  { what: "cleanup handlers", program: main("pthread_cleanup_pop(0);", "#include <pthread.h>"), says: "cancellation cleanup handlers are not modelled", when: "compile" },
  { what: "exec of a program the model does not have", program: main("execlp(\"gcc\", \"gcc\", (char *)NULL);"), says: "exec of 'gcc' fails with ENOENT: the model has no program 'gcc'", when: "run" },
  { what: "mmap of a file", program: main("mmap(NULL, 16, PROT_READ, MAP_PRIVATE, 0, 0);", "#include <sys/mman.h>"), says: "mmap of a file is not modelled", when: "run" },
  { what: "AF_UNIX datagram sockets", program: main("socket(AF_UNIX, SOCK_DGRAM, 0);", "#include <sys/socket.h>"), says: "AF_UNIX datagram sockets are not modelled", when: "run" },
];

describe("what is not supported: each gives the diagnostic docs/stepper.md quotes", () => {
  const doc = readFileSync(join(__dirname, "..", "..", "..", "docs", "stepper.md"), "utf8");
  const list = doc.slice(doc.indexOf("## Not supported yet"));

  for (const e of ENTRIES) {
    it(`${e.what}: "${e.says}"`, async () => {
      assert.ok(list.includes(e.says), `docs/stepper.md's list quotes "${e.says}"`);
      if (e.when === "compile") {
        const { diagnostics } = await compile(e.program);
        const errors = diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
        assert.ok(errors.some((m) => m.includes(e.says)), errors.join("\n"));
      } else {
        const r = await run(e.program);
        assert.ok(r.diagnostics.some((d) => d.includes(e.says)), r.diagnostics.join("\n"));
      }
    });
  }

  it("the list has no entry without a test here", () => {
    const entries = list.split("\n").filter((l) => l.startsWith("- ")).length;
    assert.equal(entries, ENTRIES.length, "one test per entry of the list");
  });
});
