// What the real-run features can do on this platform, in words a learner can act on.

export type Support = { server: boolean; live: boolean; why: string };

export function platformSupport(platform: string = process.platform): Support {
  switch (platform) {
    case "linux":
      return { server: true, live: true, why: "" };
    case "darwin":
      return {
        server: true, live: false,
        why: "macOS has no /proc, so the live view cannot read descriptor tables or decide which " +
          "descriptors share an open file (kcmp is Linux only). The server and clients run as on " +
          "Linux; `lsof -p PID` in a terminal lists a process's descriptors. For the live view, " +
          "run Fork Lab in a Linux machine, container or VM.",
      };
    case "win32":
      return {
        server: false, live: false,
        why: "The examples use fork() and UNIX sockets, which Windows does not have. Install WSL " +
          "(`wsl --install` in an administrator PowerShell), open this folder in WSL " +
          "(Command Palette: \"WSL: Reopen Folder in WSL\", from the WSL extension), install gcc there " +
          "(`sudo apt install build-essential`), and run the Fork Lab tasks from that window.",
      };
    default:
      return { server: true, live: false, why: `The live view needs Linux's /proc; this is ${platform}.` };
  }
}
