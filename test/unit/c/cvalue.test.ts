// Values as the learner reads them: every C type the stepper supports, formatted from the
// bytes of a process's memory as C (and gdb) would print them.
import { strict as assert } from "node:assert";
import { Memory } from "../../../src/c/memory";
import { ARRAY_BOUND, ValueContext, formatValue } from "../../../src/c/cvalue";
import { CHAR, CType, DOUBLE, FLOAT, INT, LONG, SHORT, UCHAR, UINT, ULONG, USHORT, VOID, layout, ptr } from "../../../src/c/types";

const BASE = 0x600000;

function memory(): Memory {
  const m = new Memory();
  m.map(BASE, BASE + 0x2000, "globals");
  return m;
}

function ctx(mem: Memory, extra: Partial<ValueContext> = {}): ValueContext {
  return { mem, ...extra };
}

function struct(tag: string, fields: Array<[string, CType]>, union = false): CType {
  const def = { tag, union, fields: [], size: 0, align: 1, complete: false };
  layout(def, fields.map(([name, type]) => ({ name, type })));
  return { k: "struct", def };
}

describe("C values as text (every type the stepper supports)", () => {
  it("integers of every size and signedness, 64-bit ones exact", () => {
    const m = memory();
    const at = (size: number, v: bigint) => { const b = BigInt.asUintN(size * 8, v); for (let i = 0; i < size; i++) m.write8(BASE + i, Number((b >> BigInt(8 * i)) & 0xffn)); };
    at(4, -42n); assert.equal(formatValue(ctx(m), INT, BASE), "-42");
    assert.equal(formatValue(ctx(m), UINT, BASE), "4294967254");
    at(2, -2n); assert.equal(formatValue(ctx(m), SHORT, BASE), "-2");
    assert.equal(formatValue(ctx(m), USHORT, BASE), "65534");
    at(8, 9007199254740993n); assert.equal(formatValue(ctx(m), LONG, BASE), "9007199254740993");
    at(8, -1n); assert.equal(formatValue(ctx(m), LONG, BASE), "-1");
    assert.equal(formatValue(ctx(m), ULONG, BASE), "18446744073709551615");
  });

  it("a char as its number and its character, escaped as in C", () => {
    const m = memory();
    m.write8(BASE, 65); assert.equal(formatValue(ctx(m), CHAR, BASE), "65 'A'");
    m.write8(BASE, 10); assert.equal(formatValue(ctx(m), CHAR, BASE), "10 '\\n'");
    m.write8(BASE, 0); assert.equal(formatValue(ctx(m), CHAR, BASE), "0 '\\0'");
    m.write8(BASE, 39); assert.equal(formatValue(ctx(m), CHAR, BASE), "39 '\\''");
    m.write8(BASE, 200); assert.equal(formatValue(ctx(m), CHAR, BASE), "-56 '\\310'");
    assert.equal(formatValue(ctx(m), UCHAR, BASE), "200 '\\310'");
  });

  it("float and double as %g with the digits to read them back", () => {
    const m = memory();
    m.writeF(BASE, 8, 2.5); assert.equal(formatValue(ctx(m), DOUBLE, BASE), "2.5");
    m.writeF(BASE, 8, 3); assert.equal(formatValue(ctx(m), DOUBLE, BASE), "3");
    m.writeF(BASE, 4, 0.1); assert.equal(formatValue(ctx(m), FLOAT, BASE), "0.100000001");
    m.writeF(BASE, 8, -Infinity); assert.equal(formatValue(ctx(m), DOUBLE, BASE), "-inf");
    m.writeF(BASE, 8, NaN); assert.equal(formatValue(ctx(m), DOUBLE, BASE), "nan");
  });

  it("char arrays as strings up to their NUL; without one, bounded", () => {
    const m = memory();
    m.writeBytes(BASE, Uint8Array.from([104, 105, 10, 0, 120, 0]));
    assert.equal(formatValue(ctx(m), { k: "array", of: CHAR, len: 6 }, BASE), "\"hi\\n\"");
    m.writeBytes(BASE, new Uint8Array(60).fill(97));
    assert.equal(formatValue(ctx(m), { k: "array", of: CHAR, len: 60 }, BASE), `"${"a".repeat(40)}"...`);
  });

  it("pointers: NULL, a valid char * as its string, others as addresses, a heap block, shared memory, a function", () => {
    const m = memory();
    m.writeBytes(BASE + 0x100, Uint8Array.from([111, 107, 0]));
    m.write64(BASE, 0); assert.equal(formatValue(ctx(m), ptr(CHAR), BASE), "NULL");
    m.write64(BASE, BASE + 0x100); assert.equal(formatValue(ctx(m), ptr(CHAR), BASE), "0x600100 \"ok\"");
    assert.equal(formatValue(ctx(m), ptr(INT), BASE), "0x600100");
    // A char * into unmapped memory or at binary bytes is only an address.
    m.write64(BASE, 0x12345678); assert.equal(formatValue(ctx(m), ptr(CHAR), BASE), "0x12345678");
    m.writeBytes(BASE + 0x200, Uint8Array.from([1, 2, 0])); m.write64(BASE, BASE + 0x200);
    assert.equal(formatValue(ctx(m), ptr(CHAR), BASE), "0x600200");
    const heap = ctx(m, { heapBlock: (a) => (a === BASE + 0x200 ? 16 : undefined), shared: (a) => a === BASE + 0x200 });
    assert.equal(formatValue(heap, ptr(VOID), BASE), "0x600200 \u2192 heap block of 16 bytes (shared)");
    const fn: CType = { k: "func", ret: VOID, params: [INT], variadic: false };
    m.write64(BASE, 0x100040);
    assert.equal(formatValue(ctx(m, { funcAt: (a) => (a === 0x100040 ? "handler" : undefined) }), ptr(fn), BASE), "0x100040 <handler>");
  });

  it("a pointer into shared memory shows what it points at, a number or a struct (no variable of its own shows it)", () => {
    const m = memory();
    m.writeU(BASE + 0x200, 4, 2);
    m.write64(BASE, BASE + 0x200);
    const shared = ctx(m, { shared: (a) => a >= BASE + 0x200 && a < BASE + 0x300 });
    assert.equal(formatValue(shared, ptr(INT), BASE), "0x600200 (shared) \u2192 2");
    m.writeF(BASE + 0x280, 8, 0.5); m.write64(BASE + 8, BASE + 0x280);
    assert.equal(formatValue(shared, ptr(DOUBLE), BASE + 8), "0x600280 (shared) \u2192 0.5");
    const counter = struct("counter", [["n", INT], ["turn", INT]]);
    assert.equal(formatValue(shared, ptr(counter), BASE), "0x600200 (shared) \u2192 {.n = 2, .turn = 0}");
    // Not shared: the address alone, as gdb prints a pointer; void * and char * as before.
    assert.equal(formatValue(ctx(m), ptr(INT), BASE), "0x600200");
    assert.equal(formatValue(shared, ptr(VOID), BASE), "0x600200 (shared)");
    assert.equal(formatValue(shared, ptr(CHAR), BASE), "0x600200 (shared)");
  });

  it("arrays to a bound with ... after, and arrays of arrays", () => {
    const m = memory();
    for (let i = 0; i < 20; i++) m.writeU(BASE + 4 * i, 4, i * i);
    assert.equal(formatValue(ctx(m), { k: "array", of: INT, len: 3 }, BASE), "{0, 1, 4}");
    const long = formatValue(ctx(m), { k: "array", of: INT, len: 20 }, BASE);
    assert.equal(long, `{${Array.from({ length: ARRAY_BOUND }, (_, i) => i * i).join(", ")}, ...}`);
    assert.equal(formatValue(ctx(m), { k: "array", of: { k: "array", of: INT, len: 2 }, len: 2 }, BASE), "{{0, 1}, {4, 9}}");
  });

  it("structs and unions expanded with their member names, nested", () => {
    const m = memory();
    const point = struct("point", [["x", INT], ["y", INT]]);
    const named = struct("named", [["id", INT], ["name", { k: "array", of: CHAR, len: 8 }], ["at", point], ["next", ptr(VOID)]]);
    m.writeU(BASE, 4, 7);
    m.writeBytes(BASE + 4, Uint8Array.from([98, 111, 98, 0]));
    m.writeU(BASE + 12, 4, 3);
    m.writeU(BASE + 16, 4, 4);
    m.write64(BASE + 24, 0);
    assert.equal(formatValue(ctx(m), named, BASE), "{.id = 7, .name = \"bob\", .at = {.x = 3, .y = 4}, .next = NULL}");
    const u = struct("u", [["i", INT], ["c", CHAR]], true);
    assert.equal(formatValue(ctx(m), u, BASE), "{.i = 7, .c = 7 '\\a'}");
  });

  it("says when memory cannot be read instead of throwing", () => {
    assert.equal(formatValue(ctx(memory()), INT, 0x10), "<unreadable at 0x10>");
  });
});
