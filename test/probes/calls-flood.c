#include <unistd.h>

int main(void) {
  int i;
  while (1) {
    for (i = 0; i < 900; i++) getpid();
  }
}
