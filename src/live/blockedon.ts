// Why a sleeping process waits, written as the model writes it ("accept(3)", "read(4)",
// "waitpid(-1)"), from the system call number and arguments in /proc/PID/syscall.
// Numbers differ per architecture; we know the calls a course program blocks in.
import { ProcSyscall } from "./procfs";

type Shape = "fd" | "pid" | "none";

// name, shape of the first argument
const X64: Record<number, [string, Shape]> = {
  0: ["read", "fd"], 1: ["write", "fd"], 7: ["poll", "none"], 23: ["select", "none"],
  34: ["pause", "none"], 35: ["sleep", "none"], 43: ["accept", "fd"], 42: ["connect", "fd"],
  45: ["recvfrom", "fd"], 44: ["sendto", "fd"], 61: ["waitpid", "pid"], 130: ["sigsuspend", "none"],
  202: ["futex", "none"], 230: ["sleep", "none"], 232: ["epoll_wait", "fd"], 247: ["waitid", "none"],
  270: ["select", "none"], 271: ["poll", "none"], 281: ["epoll_wait", "fd"], 288: ["accept", "fd"],
  17: ["pread", "fd"], 19: ["readv", "fd"], 20: ["writev", "fd"], 72: ["fcntl", "fd"],
};

const ARM64: Record<number, [string, Shape]> = {
  63: ["read", "fd"], 64: ["write", "fd"], 65: ["readv", "fd"], 66: ["writev", "fd"],
  67: ["pread", "fd"], 72: ["select", "none"], 73: ["poll", "none"], 22: ["epoll_wait", "fd"],
  101: ["sleep", "none"], 115: ["sleep", "none"], 133: ["sigsuspend", "none"], 98: ["futex", "none"],
  202: ["accept", "fd"], 203: ["connect", "fd"], 206: ["sendto", "fd"], 207: ["recvfrom", "fd"],
  242: ["accept", "fd"], 260: ["waitpid", "pid"], 95: ["waitid", "none"], 25: ["fcntl", "fd"],
};

const TABLES: Record<string, Record<number, [string, Shape]>> = { x64: X64, arm64: ARM64 };

/** "accept(3)", "waitpid(-1)", "pause()"; "syscall 999" for calls we do not name. */
export function blockedOn(call: ProcSyscall, arch: string = process.arch): string {
  const known = TABLES[arch]?.[call.nr];
  if (!known) return `syscall ${call.nr}`;
  const [name, shape] = known;
  if (shape === "none") return `${name}()`;
  // The first argument is an int: take the low 32 bits, signed (waitpid(-1) passes 0xffffffff...).
  return `${name}(${BigInt.asIntN(32, call.args[0])})`;
}
