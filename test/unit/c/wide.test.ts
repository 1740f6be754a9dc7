// 64-bit integers are exact for every value (src/c/wide.ts): each program runs in the model
// and compiled by cc, and stdout must be the same byte for byte.
import { same } from "./helpers";

const HEAD = "#include <stdio.h>\n#include <stdlib.h>\n#include <stdint.h>\n#include <limits.h>\n";

describe("64-bit integers: exact, as gcc computes them", function () {
  this.timeout(60000);

  it("wraps unsigned long and long long around at 2^64, and the limits print exactly", async () => {
    await same(HEAD + `
int main(void) {
  unsigned long u = ULONG_MAX;
  long l = LONG_MAX;
  unsigned long long z = 0;
  printf("%lu %lu %lu\\n", u, u + 1, u + u);
  printf("%ld %ld %lld %lld\\n", l, LONG_MIN, LLONG_MAX, LLONG_MIN);
  printf("%llu %llu %lu\\n", z - 1, ULLONG_MAX - 5, SIZE_MAX);
  unsigned long w = (unsigned long)l + 1;
  printf("%lu %ld %d\\n", w, (long)(w - 1), w > (unsigned long)l);
  long m = LONG_MIN;
  m--;
  unsigned long v = 0;
  v--;
  printf("%ld %lu %ld\\n", m, v, -(l - 7));
  printf("%lld %lld\\n", INT64_MIN + 1, (long long)UINT64_MAX);
  return 0;
}`);
  });

  it("multiplies, adds and xors as hash functions and random generators need (FNV-1a, xorshift, splitmix)", async () => {
    await same(HEAD + `
static unsigned long basis = 0xcbf29ce484222325UL;
unsigned long fnv1a(const char *s) {
  unsigned long h = basis;
  while (*s) { h ^= (unsigned char)*s++; h *= 0x100000001b3UL; }
  return h;
}
unsigned long long xorshift64(unsigned long long *st) {
  unsigned long long x = *st;
  x ^= x << 13; x ^= x >> 7; x ^= x << 17;
  return *st = x;
}
uint64_t splitmix(uint64_t *s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
unsigned long djb2(const char *s) { unsigned long h = 5381; int c; while ((c = *s++)) h = ((h << 5) + h) + c; return h; }
int main(void) {
  printf("%lu %016lx\\n", fnv1a("hello"), fnv1a("fork lab"));
  unsigned long long st = 88172645463325252ULL;
  for (int i = 0; i < 4; i++) printf("%llu\\n", xorshift64(&st));
  uint64_t s = 12345;
  for (int i = 0; i < 3; i++) printf("%llx\\n", (unsigned long long)splitmix(&s));
  printf("%lu\\n", djb2("the quick brown fox jumps over the lazy dog, twice over"));
  long lcg = 1;
  for (int i = 0; i < 5; i++) lcg = lcg * 6364136223846793005L + 1442695040888963407L;
  printf("%ld %lu\\n", lcg, (unsigned long)lcg % 1000);
  return 0;
}`);
  });

  it("shifts: left into and past the sign bit, arithmetic right of negatives, logical right of unsigned", async () => {
    await same(HEAD + `
int main(void) {
  long one = 1;
  for (int k = 50; k < 64; k += 3) printf("%d %ld %lu %lx\\n", k, one << k, (unsigned long)one << k, -1L << k);
  long n = -9007199254740993L;
  unsigned long u = 0xfedcba9876543210UL;
  printf("%ld %ld %ld\\n", n >> 1, n >> 40, LONG_MIN >> 63);
  printf("%lx %lx %lx %lu\\n", u >> 4, u >> 60, u << 4, u >> 63);
  int s = 63;
  printf("%lx %lx\\n", 3UL << s, 0x8000000000000000UL >> s);
  unsigned int x = 0x80000001u;
  printf("%u %d %u\\n", x << 1, (int)x >> 4, x >> 31);
  return 0;
}`);
  });

  it("divides and takes remainders of unsigned and signed 64-bit values exactly", async () => {
    await same(HEAD + `
int main(void) {
  unsigned long a = 18446744073709551557UL;
  printf("%lu %lu %lu %lu\\n", a / 7, a % 1000003, a / 3000000000UL, a % 0x100000000UL);
  long n = -9007199254740993L;
  printf("%ld %ld %ld %ld\\n", n / 3, n % 10, LONG_MIN / 10, LONG_MIN % 10);
  unsigned long big = 1UL << 63;
  printf("%lu %lu %lu\\n", big / 3, (big + 12345) % 97, ULONG_MAX / ULONG_MAX);
  long q = 9223372036854775807L;
  printf("%ld %ld\\n", q / -2, q % -1000);
  return 0;
}`);
  });

  it("converts between widths, signedness and double as C says", async () => {
    await same(HEAD + `
int main(void) {
  unsigned long u = 0xfedcba9876543210UL;
  long l = (long)u;
  printf("%ld %d %u %hd %hu %hhd %hhu\\n", l, (int)u, (unsigned)u, (short)u, (unsigned short)u, (signed char)u, (unsigned char)u);
  int i = -5;
  unsigned long ui = i;
  long li = i;
  unsigned int uu = 4000000000u;
  printf("%lu %ld %lu %ld\\n", ui, li, (unsigned long)uu, (long)(int)uu);
  printf("%.1f %.1f %.1f\\n", (double)ULONG_MAX, (double)(1UL << 63), (double)LONG_MIN);
  printf("%.1f %.1f\\n", (double)9007199254740993UL, (double)(unsigned long)-1024);
  volatile double d = 1e19, e = -3.9e18, f = 123456789012345678.0;
  printf("%lu %ld %ld %lu\\n", (unsigned long)d, (long)e, (long)f, (unsigned long)f);
  volatile double huge = 1e30;
  printf("%ld %d\\n", (long)huge, (int)huge);
  printf("%d %d %d\\n", 0xffffffffffffffffUL == (unsigned long)-1, -1L < 0UL, -1 < 0L);
  return 0;
}`);
  });

  it("prints %lu %ld %lld %llx %lo %lX %#lx with widths at the extremes", async () => {
    await same(HEAD + `
int main(void) {
  printf("[%25lu] [%-25ld] [%+ld] [% ld]\\n", ULONG_MAX, LONG_MIN, LONG_MAX, LONG_MAX);
  printf("[%lld] [%llu] [%llx] [%llX] [%llo]\\n", LLONG_MIN, ULLONG_MAX, ULLONG_MAX, 0xabcdef0123456789ULL, ULLONG_MAX);
  printf("[%#lx] [%#lo] [%030lu] [%.25ld]\\n", 0x8000000000000000UL, 1UL << 63, ULONG_MAX, LONG_MIN);
  intmax_t im = LONG_MIN;
  uintmax_t um = 0;
  um -= 2;
  printf("[%zu] [%jd] [%ju]\\n", (size_t)-1, im, um);
  printf("[%lu] [%ld] [%x] [%d]\\n", (unsigned long)LONG_MIN, (long)ULONG_MAX, (unsigned)ULONG_MAX, (int)LONG_MIN);
  char buf[64];
  int n = snprintf(buf, sizeof buf, "%lu|%ld", ULONG_MAX - 1, LONG_MIN + 1);
  printf("%d %s\\n", n, buf);
  printf("%p %p %p\\n", (void *)-1, (void *)(1UL << 63), (void *)0);
  return 0;
}`);
  });

  it("reads 64-bit numbers exactly: strtoul, strtoll, strtoull, atoll, sscanf %lu %lld %llx", async () => {
    await same(HEAD + `
#include <errno.h>
int main(void) {
  char *end;
  printf("%lu\\n", strtoul("18446744073709551615", &end, 10));
  printf("%lld %lld\\n", strtoll("-9223372036854775808", NULL, 10), strtoll("0x7fffffffffffffff", NULL, 16));
  printf("%llu %llu\\n", strtoull("0xfedcba9876543210 rest", &end, 0), strtoull("-1", NULL, 10));
  printf("[%s]\\n", end);
  errno = 0;
  long big = strtol("99999999999999999999", NULL, 10);
  printf("%ld %d\\n", big, errno == ERANGE);
  errno = 0;
  unsigned long ubig = strtoul("99999999999999999999", NULL, 10);
  printf("%lu %d\\n", ubig, errno == ERANGE);
  printf("%lld %ld\\n", atoll("-9007199254740993"), atol("9007199254740995"));
  unsigned long a; long long b; unsigned long long c;
  int k = sscanf("18446744073709551614 -9223372036854775807 ffffffffffffff01", "%lu %lld %llx", &a, &b, &c);
  printf("%d %lu %lld %llx\\n", k, a, b, c);
  printf("%ld %lld\\n", labs(LONG_MIN + 1), llabs(-9007199254740995LL));
  return 0;
}`);
  });

  it("keeps wide values exact in globals, arrays, structs, switch cases, ++/--, compound assignment and calls", async () => {
    await same(HEAD + `
struct pair { unsigned long k; long v; };
static struct pair table[] = { { 0xffffffffffffff00UL, -9007199254740995L }, { 1UL << 60, LONG_MIN } };
static long long g = -0x7ffffffffffffff0LL;
unsigned long twice(unsigned long x) { return x * 2; }
const char *kind(unsigned long x) {
  switch (x) {
    case 0xffffffffffffffffUL: return "all ones";
    case 1UL << 63: return "top bit";
    default: return "other";
  }
}
int main(void) {
  unsigned long arr[3] = { ULONG_MAX, 1UL << 63, 9007199254740993UL };
  for (int i = 0; i < 3; i++) printf("%lu %s\\n", arr[i], kind(arr[i]));
  for (int i = 0; i < 2; i++) printf("%lx %ld\\n", table[i].k, table[i].v);
  g -= 100; g *= 3; g |= 1;
  printf("%lld\\n", g);
  unsigned long c = 9007199254740991UL;
  c++; c++; ++c;
  unsigned long d = c--;
  printf("%lu %lu %lu\\n", c, d, twice(d));
  unsigned long *p = &arr[0];
  *p += 2;
  printf("%lu %lu\\n", arr[0], ~arr[1]);
  long neg = -(long)arr[2];
  printf("%ld %d\\n", neg, !arr[1]);
  return 0;
}`);
  });

  it("reads (T)-1, (T)+x, (T)*p and (T)&x as casts when T is a typedef name the parser does not know, and as arithmetic where a variable hides it", async () => {
    await same(HEAD + `#include <sys/types.h>
typedef unsigned long word;
int main(void) {
  pid_t p = (pid_t)-1;
  word w = (word)-1;
  int x = 5, *px = &x;
  word d = (word)*px;
  word a = (word)&x != 0;
  long q = (pid_t)+7 - 2;
  int sub;
  { int word = 10; sub = (word)-1; }
  printf("%d %lu %lu %lu %ld %d %d\\n", p, w, d, a, q, sub, (word)-2 > 0);
  return 0;
}`);
  });
});
