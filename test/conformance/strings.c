/* strspn, strcspn, strpbrk, memchr, strnlen, strndup, strncasecmp: results at the edges
   (empty sets, no match, a count that stops early), and the buf[strcspn(buf, "\n")] idiom. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int main(void)
{
    printf("strspn=%zu %zu %zu\n", strspn("aabbc", "ab"), strspn("xyz", "ab"), strspn("abc", ""));
    printf("strcspn=%zu %zu %zu\n", strcspn("hello\n", "\n"), strcspn("hello", "xyz"), strcspn("", "a"));
    const char *s = "key=value;rest";
    char *p = strpbrk(s, "=;");
    printf("strpbrk at %ld '%c', none=%p\n", (long)(p - s), *p, (void *)strpbrk(s, "#"));
    char bytes[] = { 'a', 0, 'b', 'c' };
    char *m = memchr(bytes, 'b', 4);
    printf("memchr past a NUL at %ld, none=%p, stops at n=%p\n", (long)(m - bytes), memchr(bytes, 'z', 4), memchr(bytes, 'c', 3));
    printf("strnlen=%zu %zu\n", strnlen("abcdef", 3), strnlen("ab", 10));
    char *d = strndup("abcdef", 4);
    printf("strndup=\"%s\" %zu\n", d, strlen(d));
    free(d);
    printf("strncasecmp=%d %d %d\n", strncasecmp("HELLO", "help", 3), strncasecmp("abc", "ABD", 3) < 0, strncasecmp("a", "B", 0));
    char line[32] = "a line\n";
    line[strcspn(line, "\n")] = '\0';
    printf("trimmed=[%s]\n", line);
    return 0;
}
