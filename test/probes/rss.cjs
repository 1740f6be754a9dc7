// Loaded with `node --require` in front of the forklab CLI: prints the process's peak
// memory (max RSS, KiB) and CPU time (ms) on stderr at exit, for the probes' bounds.
process.on("exit", () => {
  const cpu = process.cpuUsage();
  process.stderr.write(`\nforklab-probe-maxrss-kb=${process.resourceUsage().maxRSS} cpu-ms=${Math.round((cpu.user + cpu.system) / 1000)}\n`);
});
