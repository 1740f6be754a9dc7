#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  static char buf[65536];
  int fd = open("big.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  memset(buf, 'x', sizeof buf);
  for (;;)
    write(fd, buf, sizeof buf);
}
