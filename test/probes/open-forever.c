#include <fcntl.h>
#include <stdio.h>

int main(void) {
  int n = 0;
  while (open("/dev/null", O_RDONLY) >= 0)
    n++;
  printf("%d descriptors\n", n);
  for (;;) open("/dev/null", O_RDONLY);
}
