// mkdir, rmdir and remove: a directory made empty stays until rmdir, which takes only an empty one;
// the errors are Linux's (EEXIST, ENOENT for a missing parent, ENOTDIR under a file,
// ENOTEMPTY, EISDIR for unlink or writing, EINVAL for "."). Compared with a cc build.
import { strict as assert } from "node:assert";
import { same } from "./helpers";

describe("mkdir and rmdir", function () {
  this.timeout(60000);

  it("make, stat, fill, fail to remove, empty, remove: as on Linux", async () => {
    const out = await same(`#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>

static void say(const char *what, int r) { printf("%s: %d %s\\n", what, r, r < 0 ? strerror(errno) : ""); }

int main(void) {
    struct stat sb;
    say("mkdir d", mkdir("d", 0755));
    say("mkdir d again", mkdir("d", 0755));
    say("mkdir x/y", mkdir("x/y", 0755));
    say("stat d", stat("d", &sb));
    printf("is dir %d\\n", S_ISDIR(sb.st_mode));
    say("stat d/", stat("d/", &sb));
    DIR *dp = opendir("d");
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) if (e->d_name[0] != '.') n++;
    closedir(dp);
    printf("empty d has %d entries\\n", n);
    int fd = open("d/f.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(fd, "x", 1);
    close(fd);
    say("mkdir d/e", mkdir("d/e", 0700));
    say("open d for writing", open("d", O_WRONLY));
    say("rmdir d", rmdir("d"));
    say("unlink d", unlink("d"));
    say("rmdir d/f.txt", rmdir("d/f.txt"));
    say("mkdir d/f.txt/z", mkdir("d/f.txt/z", 0755));
    say("unlink d/f.txt", unlink("d/f.txt"));
    say("rmdir d/e", rmdir("d/e"));
    say("rmdir d", rmdir("d"));
    say("rmdir d again", rmdir("d"));
    say("stat d", stat("d", &sb));
    say("rmdir .", rmdir("."));
    mkdir("d", 0755);
    say("rmdir d/..", rmdir("d/.."));
    say("rmdir d/.", rmdir("d/."));
    rmdir("d");
    return 0;
}
`);
    assert.match(out, /^mkdir d: 0 \nmkdir d again: -1 File exists\n/);
    assert.match(out, /rmdir d: -1 Directory not empty\n/);
    assert.match(out, /rmdir d again: -1 No such file or directory\n/);
    // rmdir(2): a last component ".." is ENOTEMPTY, "." EINVAL.
    assert.match(out, /rmdir d\/\.\.: -1 Directory not empty\nrmdir d\/\.: -1 Invalid argument\n/);
  });

  it("remove: unlink for a file, rmdir for a directory", async () => {
    const out = await same(`#include <stdio.h>
#include <sys/stat.h>
int main(void) {
    fclose(fopen("g.txt", "w"));
    mkdir("d", 0755);
    printf("%d %d %d\\n", remove("g.txt"), remove("d"), remove("nope"));
    return 0;
}
`);
    assert.equal(out, "0 0 -1\n");
  });
});
