// A compiled program: flat instruction lists per function, annotated with source lines,
// plus the initial image of its static memory. Shared read-only by every process that
// runs it; per-process state lives in src/c/vm.ts.
import { CType, K } from "./types";
import { Memory } from "./memory";
import { Diagnostic } from "./diagnostic";
import type { Builtin } from "./ctl";

export enum Op {
  PUSH, // a: value
  LOCAL, // a: frame offset -> push fp + a
  LOAD, // a: kind, c: 0, or a checked variable's slot + 1 (Func.unset); pop addr, push value
  STORE, // a: kind, c: as LOAD's; pop value, pop addr; store; push value
  INCDEC, // a: kind, b: delta, c: 1 = postfix, + 2 * (a checked variable's slot + 1); pop addr; push old (postfix) or new
  DUP,
  POP,
  SWAP,
  BIN, // a: Bin, b: arithmetic kind
  NEG, // b: kind
  BNOT, // b: kind
  LNOT,
  CONV, // a: from kind, b: to kind
  JMP, // a: target
  JZ, // a: target; pop
  JNZ, // a: target; pop
  CALL, // a: function index, b: argument count
  CALLI, // b: argument count; the function address lies below the arguments
  BUILTIN, // a: builtin id, b: argument count
  RET, // a: 1 when a value is returned
  LINE, // a: source line (a statement starts here)
  MEMCPY, // a: size; pop src, pop dst; push dst
  ZERO, // a: size; pop addr; fill with zero bytes
  ERRNO, // push the address of this thread's errno
  UNSUPPORTED, // a: diagnostic index: reaching it stops the process with the message
  REVERSE, // a: count; reverse the order of the top a values (arguments evaluated last to first)
  TLS, // a: offset in a thread's block, b: the main thread's copy; push this thread's copy's address
}

export enum Bin { ADD, SUB, MUL, DIV, MOD, SHL, SHR, AND, OR, XOR, LT, LE, GT, GE, EQ, NE }

export interface Ins {
  op: Op;
  a: number;
  b: number;
  c: number;
  line: number;
}

export interface Param {
  offset: number;
  kind: K;
  /** Struct passed by value: its size (the caller pushes its address). */
  copy?: number;
}

/** A variable for views: a local at a frame offset (or a static local at an address),
 *  in scope while the frame's pc is in [from, to). */
export interface VarInfo {
  name: string;
  type: CType;
  off?: number;
  addr?: number;
  from: number;
  to: number;
  /** A scalar declared without a value and only used by name: its bit in Frame.init
   *  (Func.unset's slot), clear until its first write, while its value is indeterminate.
   *  (Other locals declared without a value are tracked byte by byte: Func.shadowed.) */
  unset?: number;
}

/** A local declared without a value whose bytes may be written other than by a plain
 *  assignment (a struct, an array, a scalar whose address is used): tracked byte by byte
 *  from the call on (src/c/shadow.ts), so that what no store reached shows as not set. */
export interface ShadowVar {
  name: string;
  line: number;
  type: CType;
  /** Frame offset and size in bytes. */
  off: number;
  size: number;
}

/** A named array of the learner's code, for the sanitizer's notes (src/c/arraycheck.ts):
 *  `at` is its frame offset (a local) or its address (a global or static local). */
export interface ArrayObject {
  name: string;
  line: number;
  at: number;
  size: number;
}

/** A global of the learner's program, at its address in static memory. */
export interface GlobalInfo {
  name: string;
  type: CType;
  addr: number;
}

export interface Func {
  name: string;
  file: string;
  /** User code (the learner's file or its headers) vs the built-in library. */
  user: boolean;
  line: number;
  endLine: number;
  code: Ins[];
  frameSize: number;
  params: Param[];
  variadic: boolean;
  /** Parameters and locals, for views (the variables panel, hovers). */
  vars?: VarInfo[];
  /** Its named arrays, and per byte of the frame the array whose red zone the byte is
   *  (index + 1; 0: no red zone). Absent when the function has no array. */
  arrays?: ArrayObject[];
  zones?: Uint16Array;
  /** Scalars declared without a value and used only by name, by slot (a bit of
   *  Frame.init, set by the first write): a STORE carries slot + 1 in c; the LOAD and INCDEC
   *  of those whose reads are checked carry it too. */
  unset?: Array<{ name: string; line: number }>;
  /** The other locals declared without a value: tracked byte by byte while the frame lives. */
  shadowed?: ShadowVar[];
}

export interface ThreadLocal { addr: number; off: number; size: number; }

export interface Program {
  file: string;
  funcs: Func[];
  funcIndex: Map<string, number>;
  /** Static memory: rodata (string literals) and globals, cloned per process. */
  image: Memory;
  /** Addresses of the stdio FILE objects. */
  stdin: number;
  stdout: number;
  stderr: number;
  dataEnd: number;
  diagnostics: Diagnostic[];
  /** Messages for UNSUPPORTED instructions. */
  unsupported: Diagnostic[];
  /** Source lines of the learner's file, for views. */
  source: string;
  /** The built-in functions, numbered as the compiler numbered its BUILTIN calls. */
  builtins: readonly Builtin[];
  /** The learner's globals (not the library's), for views. */
  globals?: GlobalInfo[];
  /** Thread-local variables (__thread, thread_local): each at `addr` in the image (the main
   *  thread's copy, which starts with the initial value) and at `off` in every other thread's
   *  block of `size` bytes at the top of its stack (threadlocal.ts). Absent without any. */
  tls?: { size: number; vars: ThreadLocal[] };
  /** The learner's global and static arrays, and their red zones by page: page number ->
   *  per byte of the page, the array's index + 1 (0: no red zone). Absent without arrays. */
  arrays?: ArrayObject[];
  zones?: Map<number, Uint16Array>;
}
