/* ctime, asctime, gmtime, localtime (the zone is UTC), mktime's normalisation, strftime's
   conversions and its 0 for a buffer too small, difftime; on fixed instants, since the
   wall clock itself differs between any two runs. */
#include <stdio.h>
#include <string.h>
#include <time.h>

int main(void)
{
    time_t instants[] = { 0, 1000000000, 1767603600, 951782400 };
    for (int i = 0; i < 4; i++) {
        time_t t = instants[i];
        struct tm *tm = gmtime(&t);
        printf("%ld: ctime %s", (long)t, ctime(&t));
        printf("  gmtime %d-%d-%d %d:%d:%d wday=%d yday=%d\n", tm->tm_year, tm->tm_mon, tm->tm_mday,
               tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_wday, tm->tm_yday);
        char buf[128];
        size_t n = strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %A %b %B %j %e %y %p %I %F %T %D %%", localtime(&t));
        printf("  strftime=%zu [%s]\n", n, buf);
        printf("  asctime %s", asctime(tm));
    }
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = 126; tm.tm_mon = 0; tm.tm_mday = 32; tm.tm_hour = 25; tm.tm_min = 61;
    time_t t = mktime(&tm);
    printf("mktime(Jan 32 25:61)=%ld -> %d-%d %d:%d wday=%d yday=%d\n", (long)t, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_wday, tm.tm_yday);
    char small[4];
    printf("strftime too small=%zu\n", strftime(small, sizeof small, "%Y-%m", &tm));
    printf("difftime=%.1f\n", difftime(100, 40));
    time_t now = time(NULL), also;
    time(&also);
    printf("time(NULL) and time(&t) agree: %d\n", also - now <= 1);
    return 0;
}
