// What the machine and its library share besides the built-in calling convention (ctl.ts):
// the error that stops a process with a message, and a FILE's buffer state. A module of
// their own so that the library (libc/) needs nothing from the machine (vm.ts).

/** Stops the process with a message (unsupported construct, resource limit). */
export class StopError extends Error {}

/** A stdio FILE: its descriptor, buffering mode and buffered bytes, plain data that fork copies. */
export interface Stream {
  fd: number;
  mode: "line" | "full" | "unbuffered" | "unset";
  out: string;
  in: string;
  eof: boolean;
  err: boolean;
  write: boolean;
  read: boolean;
  /** The buffer's size once the stream has one: from its first use, the file's st_blksize
   *  (stdio.ts allocate), or the caller's (setvbuf, setbuf); 1 when unbuffered. */
  size?: number;
  /** Output has begun since the buffer was set up or the stream was last positioned (glibc's
   *  _IO_CURRENTLY_PUTTING): until then a piece of output finds no room in the buffer. */
  putting?: boolean;
  /** A stdio call has read or written through the stream (glibc's orientation, taken at its
   *  first use; setvbuf does not count): perror writes through stderr only once it is. */
  oriented?: boolean;
  /** Unbuffered and still line buffered (glibc keeps both flags after setvbuf(f, buf,
   *  _IOLBF, 0)): a piece's first byte waits in the one-byte buffer unless it is a newline. */
  lineBuf?: boolean;
  /** Where the descriptor's offset is, as the stream last learnt it (glibc's _offset): set
   *  by its own seek, moved on by its own reads, forgotten when it writes. ftell asks the
   *  kernel only when this is unknown, so after rewind and fgets it makes no lseek. */
  offset?: number;
  /** Opened in append mode ("a", "a+"; glibc's _IO_IS_APPENDING). */
  append?: boolean;
}
