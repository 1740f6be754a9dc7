// Bytes and the strings that hold them one byte per character (latin1): how the model
// keeps text that may contain any byte (NUL, 0xff) in a plain JavaScript string. One pair
// for every layer above: the kernel's output chunks, the C library's buffers and string
// literals, the scripted clients.

/** A string's characters as bytes (each character's code, modulo 256). */
export function latin1Bytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}

/** Bytes as a string of one character per byte. */
export function latin1Text(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}
