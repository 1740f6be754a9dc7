// CS:APP's async-signal-safe output ("sio"): what a signal handler may use in place of
// printf. Only write(2) and the caller's stack are touched, so a handler that interrupts
// printf cannot corrupt stdout's buffer. Sio_* are the wrappers that exit on failure; an
// error message goes out the same safe way and the process ends with _exit(1).
export const SIO_SOURCE = `
static size_t sio_strlen(char s[]) { size_t n = 0; while (s[n] != '\\0') n++; return n; }
static void sio_ltoa(long v, char s[], int base) {
  char digits[72];
  int n = 0, i = 0, neg = v < 0;
  /* Digits from the truncated remainders (negative for negative v), so LONG_MIN needs no negation. */
  do { int d = (int)(v % base); if (d < 0) d = -d; digits[n++] = d < 10 ? '0' + d : 'a' + d - 10; v /= base; } while (v != 0);
  if (neg) s[i++] = '-';
  while (n > 0) s[i++] = digits[--n];
  s[i] = '\\0';
}
ssize_t sio_puts(char s[]) { return write(STDOUT_FILENO, s, sio_strlen(s)); }
ssize_t sio_putl(long v) { char s[128]; sio_ltoa(v, s, 10); return sio_puts(s); }
void sio_error(char s[]) { sio_puts(s); _exit(1); }
ssize_t Sio_puts(char s[]) { ssize_t n = sio_puts(s); if (n < 0) sio_error("Sio_puts error"); return n; }
ssize_t Sio_putl(long v) { ssize_t n = sio_putl(v); if (n < 0) sio_error("Sio_putl error"); return n; }
void Sio_error(char s[]) { sio_error(s); }
`;
