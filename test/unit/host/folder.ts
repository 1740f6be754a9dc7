// A program's folder the host loader tests share: main.c with a local header, a data file
// it opens by a relative name and another program it execs.

export const MAIN_C = `#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/wait.h>
#include "greet.h"
int main(void) {
  char buf[64];
  int fd = open("data.txt", O_RDONLY);
  int n = read(fd, buf, sizeof buf - 1);
  buf[n < 0 ? 0 : n] = 0;
  printf("%s\\n%s", GREETING, buf);
  fflush(stdout);
  if (fork() == 0) {
    char *argv[] = { "other", 0 };
    execv("other", argv);
    _exit(127);
  }
  int status;
  wait(&status);
  printf("other exited %d\\n", WEXITSTATUS(status));
  return 0;
}
`;

export const GREET_H = "#define GREETING \"hello from the header\"\n";
export const DATA_TXT = "line one\n";
export const OTHER_C = "#include <stdio.h>\nint main(void) { printf(\"other runs\\n\"); return 3; }\n";
