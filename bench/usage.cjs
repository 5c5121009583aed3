/**
 * Preloaded (`node --require bench/usage.cjs ...`) into a measured process: when it exits, it
 * writes its peak memory (max RSS, bytes) and CPU time (ms) to the file named by BENCH_USAGE.
 */
'use strict';
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
  writeFileSync(process.env.BENCH_USAGE, JSON.stringify({ rss: maxRSS * 1024, cpu: (userCPUTime + systemCPUTime) / 1000 }));
});
