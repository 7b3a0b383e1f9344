/**
 * Child process for output-atomic.test.ts: writes `NEW` over the output folder argv[2] with the real
 * process signal handlers, and sends itself argv[3] (SIGINT or SIGTERM) during the 3rd file write.
 */
import { nodeFsOps } from "../../src/cli/fs-ops.js";
import { writeOutputDir } from "../../src/cli/write-output.js";

const [out, signal] = process.argv.slice(2);
let n = 0;
await writeOutputDir(out, { "report.html": "<p>new</p>", "results.json": "{}\n", "figures/km.svg": "<svg/>", "tables/t.csv": "a\n" }, {
  fsOps: {
    ...nodeFsOps,
    writeFile: (path, data) => {
      nodeFsOps.writeFile(path, data);
      if (++n === 3) process.kill(process.pid, signal as NodeJS.Signals);
    },
  },
});
process.stdout.write("not interrupted\n");
