// A program that reads its terminal line by line (fgets on stdin, at line 9) and greets
// each line, then says bye at end of file: the unit and integration tests of typing at the
// terminal step it.
export const GREET = `#include <stdio.h>
#include <string.h>

int main(void)
{
    char line[64];
    printf("name? ");
    fflush(stdout);
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\\n")] = 0;
        printf("hello, %s\\n", line);
    }
    printf("bye\\n");
    return 0;
}
`;
