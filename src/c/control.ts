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
  /** Buffer size set by setvbuf (default: the file's st_blksize, stdio.ts bufSize). */
  size?: number;
  /** The descriptor is a terminal, as the first use found (glibc's isatty when it picks the mode). */
  tty?: boolean;
}
