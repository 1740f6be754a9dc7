// open(2)/fcntl(2) flags and constants with their Linux x86-64 values.

export const O_RDONLY = 0;
export const O_WRONLY = 1;
export const O_RDWR = 2;
export const O_ACCMODE = 3;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_NOCTTY = 0o400;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;
export const O_NONBLOCK = 0o4000;
export const O_DIRECTORY = 0o200000;
export const O_CLOEXEC = 0o2000000;

/** Flags that stay on the open file description and F_SETFL may change. */
export const STATUS_FLAGS = O_APPEND | O_NONBLOCK;

export const F_DUPFD = 0;
export const F_GETFD = 1;
export const F_SETFD = 2;
export const F_GETFL = 3;
export const F_SETFL = 4;
export const F_DUPFD_CLOEXEC = 1030;
export const FD_CLOEXEC = 1;

export const SEEK_SET = 0;
export const SEEK_CUR = 1;
export const SEEK_END = 2;

/** The page size: the unit of a pipe's buffer and of shared memory. */
export const PAGE_SIZE = 4096;
/** Atomic pipe write size (Linux: a page). */
export const PIPE_BUF = PAGE_SIZE;
/** Linux's default pipe capacity: 16 pages. */
export const PIPE_CAPACITY = 16 * PAGE_SIZE;

export const O_FLAGS: Record<string, number> = {
  O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC, O_APPEND, O_NONBLOCK,
  O_DIRECTORY, O_CLOEXEC,
};

/** The Snapshot's names for an open file's access mode and status flags. */
export function flagNames(flags: number): string[] {
  const acc = ["O_RDONLY", "O_WRONLY", "O_RDWR", "O_RDWR"][flags & O_ACCMODE];
  const out = [acc];
  if (flags & O_APPEND) out.push("O_APPEND");
  if (flags & O_NONBLOCK) out.push("O_NONBLOCK");
  return out;
}

// Sockets: AF_INET stream and datagram sockets on loopback, AF_UNIX stream sockets.
export const AF_UNIX = 1;
export const AF_INET = 2;
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export const SOCK_NONBLOCK = O_NONBLOCK;
export const SOCK_CLOEXEC = O_CLOEXEC;
export const SOL_SOCKET = 1;
export const SO_REUSEADDR = 2;
export const SO_KEEPALIVE = 9;
export const SO_REUSEPORT = 15;
export const SO_TYPE = 3;
export const SO_SNDBUF = 7;
export const SO_RCVBUF = 8;
/** send/recv flags: look without taking, this call only nonblocking, wait for the whole
 *  length, no SIGPIPE (the EPIPE alone). */
export const MSG_PEEK = 0x2;
export const MSG_DONTWAIT = 0x40;
export const MSG_WAITALL = 0x100;
export const MSG_NOSIGNAL = 0x4000;
export const SO_ERROR = 4;
export const SO_ACCEPTCONN = 30;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const SHUT_RD = 0;
export const SHUT_WR = 1;
export const SHUT_RDWR = 2;
export const SOMAXCONN = 4096;

// System V IPC.
export const IPC_PRIVATE = 0;
export const IPC_CREAT = 0o1000;
export const IPC_EXCL = 0o2000;
export const IPC_RMID = 0;
export const IPC_SET = 1;
export const IPC_STAT = 2;
export const SHM_RDONLY = 0o10000;
export const IPC_NOWAIT = 0o4000;
export const SEM_UNDO = 0x1000;
export const GETPID = 11;
export const GETVAL = 12;
export const GETALL = 13;
export const GETNCNT = 14;
export const GETZCNT = 15;
export const SETVAL = 16;
export const SETALL = 17;
