// strerror's messages, as glibc words them.
import { errnoName } from "../../kernel/kernel";

const MESSAGES: Record<string, string> = {
  EPERM: "Operation not permitted", ENOENT: "No such file or directory", ESRCH: "No such process",
  EINTR: "Interrupted system call", EIO: "Input/output error", ENXIO: "No such device or address", E2BIG: "Argument list too long", EBADF: "Bad file descriptor",
  ECHILD: "No child processes", EAGAIN: "Resource temporarily unavailable", ENOMEM: "Cannot allocate memory",
  EACCES: "Permission denied", EFAULT: "Bad address", EBUSY: "Device or resource busy", EDEADLK: "Resource deadlock avoided", EEXIST: "File exists", ENOTDIR: "Not a directory",
  EISDIR: "Is a directory", EINVAL: "Invalid argument", ENFILE: "Too many open files in system",
  EMFILE: "Too many open files", ENOTTY: "Inappropriate ioctl for device", EFBIG: "File too large",
  ENOSPC: "No space left on device", ESPIPE: "Illegal seek", EPIPE: "Broken pipe",
  ERANGE: "Numerical result out of range", ENAMETOOLONG: "File name too long", ENOSYS: "Function not implemented", ENOTEMPTY: "Directory not empty",
  EIDRM: "Identifier removed", EOVERFLOW: "Value too large for defined data type", ENOTSOCK: "Socket operation on non-socket", EDESTADDRREQ: "Destination address required", EMSGSIZE: "Message too long",
  EPROTOTYPE: "Protocol wrong type for socket", ENOPROTOOPT: "Protocol not available",
  EPROTONOSUPPORT: "Protocol not supported", ESOCKTNOSUPPORT: "Socket type not supported", EOPNOTSUPP: "Operation not supported",
  EAFNOSUPPORT: "Address family not supported by protocol", EADDRINUSE: "Address already in use",
  EADDRNOTAVAIL: "Cannot assign requested address", ENETUNREACH: "Network is unreachable",
  ECONNRESET: "Connection reset by peer", EISCONN: "Transport endpoint is already connected",
  ENOTCONN: "Transport endpoint is not connected", ETIMEDOUT: "Connection timed out",
  ECONNREFUSED: "Connection refused", EALREADY: "Operation already in progress", EINPROGRESS: "Operation now in progress",
};

export function strerror(n: number): string {
  if (n === 0) return "Success";
  const name = errnoName(n);
  return (name && MESSAGES[name]) ?? `Unknown error ${n}`;
}

export const GAI_MESSAGES: Record<number, string> = {
  [-1]: "Bad value for ai_flags", [-2]: "Name or service not known", [-3]: "Temporary failure in name resolution",
  [-4]: "Non-recoverable failure in name resolution", [-6]: "ai_family not supported", [-7]: "ai_socktype not supported",
  [-8]: "Servname not supported for ai_socktype", [-10]: "Memory allocation failure", [-11]: "System error",
};
