#include <stdio.h>
#define CAT(a, b) a##b
#define LOG(fmt, ...) printf("log: " fmt "\n", ##__VA_ARGS__)

int main(void) {
  int xy = 3;
  LOG("xy is %d", CAT(x, y));
  LOG("done");
  return 0;
}
