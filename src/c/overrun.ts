// How far an access left the object it was meant for, in the words a memory note uses.
// One wording for heap blocks and named arrays, so the two kinds of note read alike.

function bytes(n: number): string {
  return n === 1 ? "1 byte" : `${n} bytes`;
}

/** Where an access of n bytes at a lies against an object of `size` bytes at `start`, as
 *  a phrase ending in "of" ("3 bytes past the end of", "running 1 byte past the end of"),
 *  for an access that is not wholly inside it. */
export function overrunPhrase(start: number, size: number, a: number, n: number): string {
  const end = start + size;
  if (a < start) return `${bytes(start - a)} before the start of`;
  if (a === end) return "just past the end of";
  if (a > end) return `${bytes(a - end)} past the end of`;
  return `running ${bytes(a + n - end)} past the end of`;
}
