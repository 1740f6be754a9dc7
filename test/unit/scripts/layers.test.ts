// The import-direction check (scripts/layers.mjs) on small trees made for the purpose: each
// rule it claims is shown to fail on a tree that breaks it, and the project's own tree passes.
import { strict as assert } from "node:assert";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

type Layers = { check(src?: string): string[]; MAX_LINES: number };
const layers = (): Promise<Layers> => import(pathToFileURL(join(__dirname, "..", "..", "..", "scripts", "layers.mjs")).href);

describe("scripts/layers.mjs: the import-direction check", () => {
  let dir: string;
  const put = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), "forklab-layers-")); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("passes the project's own src/", async () => {
    assert.deepEqual((await layers()).check(), []);
  });

  it("passes a tree whose imports all point down", async () => {
    put("kernel/proc.ts", "export const a = 1;\n");
    put("c/vm.ts", 'import { a } from "../kernel/proc";\nexport const b = a;\n');
    assert.deepEqual((await layers()).check(dir), []);
  });

  it("reports a layer importing upward (the kernel importing the C machine)", async () => {
    put("c/vm.ts", "export const b = 1;\n");
    put("kernel/proc.ts", 'import { b } from "../c/vm";\nexport const a = b;\n');
    assert.deepEqual((await layers()).check(dir), ["kernel/proc.ts imports c/vm.ts: kernel/ may not import c/"]);
  });

  it("reports an import loop in src/c/, but not one made only of import type", async () => {
    put("c/a.ts", 'import { b } from "./b";\nexport const a = b;\n');
    put("c/b.ts", 'import { a } from "./a";\nexport const b = () => a;\n');
    put("c/t1.ts", 'import type { T2 } from "./t2";\nexport type T1 = T2 | 1;\n');
    put("c/t2.ts", 'import type { T1 } from "./t1";\nexport type T2 = { x?: T1 };\n');
    const problems = (await layers()).check(dir);
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(problems[0], /^import loop in src\/c\/: c\/a\.ts -> c\/b\.ts -> c\/a\.ts$/);
  });

  it("reports the C library importing the machine, even for types", async () => {
    put("c/vm.ts", "export type Machine = { pc: number };\n");
    put("c/libc/stdio.ts", 'import type { Machine } from "../vm";\nexport const f = (m: Machine) => m.pc;\n');
    const problems = (await layers()).check(dir);
    assert.deepEqual(problems, ["c/libc/stdio.ts imports c/vm.ts: the library gets what it needs through ctl.ts and control.ts"]);
  });

  it("reports a file longer than MAX_LINES, and not one of exactly MAX_LINES", async () => {
    const { check, MAX_LINES } = await layers();
    put("kernel/long.ts", "export const x = 1;\n".repeat(MAX_LINES + 1));
    put("kernel/full.ts", "export const y = 1;\n".repeat(MAX_LINES));
    assert.deepEqual(check(dir), [`kernel/long.ts has ${MAX_LINES + 1} lines, more than ${MAX_LINES}: split it by concept`]);
  });

  it("reports a folder of src/ that is not a layer", async () => {
    put("misc/x.ts", "export const x = 1;\n");
    assert.deepEqual((await layers()).check(dir), ["src/misc/ is not a layer docs/layers.md names (add it to scripts/layers.mjs)"]);
  });
});
