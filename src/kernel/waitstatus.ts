// The wait status word exactly as Linux stores it for waitpid:
//   exited:    exit code in bits 8..15, low byte 0
//   killed:    terminating signal in bits 0..6, 0x80 when a core was dumped
//   stopped:   0x7f in the low byte, stopping signal in bits 8..15
//   continued: 0xffff

export const W_EXITCODE = (code: number): number => (code & 0xff) << 8;
export const W_TERMSIG = (signo: number, core: boolean): number => (signo & 0x7f) | (core ? 0x80 : 0);
export const W_STOPCODE = (signo: number): number => ((signo & 0xff) << 8) | 0x7f;
export const W_CONTINUED = 0xffff;

export const WIFEXITED = (s: number): boolean => (s & 0x7f) === 0;
export const WEXITSTATUS = (s: number): number => (s >> 8) & 0xff;
export const WIFSIGNALED = (s: number): boolean => (s & 0x7f) !== 0 && (s & 0x7f) !== 0x7f;
export const WTERMSIG = (s: number): number => s & 0x7f;
export const WCOREDUMP = (s: number): boolean => (s & 0x80) !== 0;
export const WIFSTOPPED = (s: number): boolean => (s & 0xff) === 0x7f;
export const WSTOPSIG = (s: number): number => (s >> 8) & 0xff;
export const WIFCONTINUED = (s: number): boolean => s === W_CONTINUED;

/** waitpid options (Linux values). */
export const WNOHANG = 1;
export const WUNTRACED = 2;
export const WCONTINUED = 8;
