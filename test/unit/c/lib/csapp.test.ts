// The built-in CS:APP library (src/c/lib/csapp.ts, what the model runs) and examples/csapp.h
// with examples/csapp.c (what the real run compiles) must offer the same functions: every
// function the header declares is defined on both sides, so a course program that calls
// any of them runs in the model and for real. The header's list is CS:APP 3e's (plus Dup
// and Pipe).
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CSAPP_SOURCE } from "../../../../src/c/lib/csapp";

const root = join(__dirname, "..", "..", "..", "..");
const header = readFileSync(join(root, "examples", "csapp.h"), "utf8");
const realLib = readFileSync(join(root, "examples", "csapp.c"), "utf8");

/** Names of the functions declared (prototypes ending in `);`) in C text. */
function declared(text: string): string[] {
  const flat = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/typedef[^;]*;/g, "").replace(/\s+/g, " ");
  return [...flat.matchAll(/([A-Za-z_]\w*)\s*\([^;{}()]*(?:\([^;{}]*\)[^;{}()]*)*\)\s*;/g)].map((m) => m[1]);
}

/** Whether the C text defines function `name` (a body follows its parameter list). */
function defines(text: string, name: string): boolean {
  return new RegExp(`\\b${name}\\s*\\([^;{]*\\)\\s*\\{`).test(text.replace(/\s+/g, " "));
}

describe("csapp: every function csapp.h declares exists in the model and in csapp.c", () => {
  const names = declared(header);

  it("the header declares CS:APP 3e's whole API", () => {
    for (const n of ["Pthread_cancel", "Pthread_once", "Sio_puts", "Sio_putl", "Sio_error", "sio_puts", "Execve", "Stat", "Fstat",
      "Opendir", "Readdir", "Closedir", "Mmap", "Munmap", "Fdopen", "Fread", "Fwrite", "Realloc", "Inet_ntop", "Inet_pton",
      "Gethostbyname", "Gethostbyaddr", "dns_error", "Setpgid", "Getpgrp", "Rio_readlineb", "Open_listenfd", "P", "V"]) {
      assert.ok(names.includes(n), `csapp.h declares ${n}`);
    }
    assert.ok(names.length >= 92, `${names.length} functions declared`);
  });

  for (const n of names) {
    it(`${n}: defined in the model's library and in examples/csapp.c`, () => {
      assert.ok(defines(CSAPP_SOURCE, n), `src/c/lib/csapp.ts defines ${n}`);
      assert.ok(defines(realLib, n), `examples/csapp.c defines ${n}`);
    });
  }
});
