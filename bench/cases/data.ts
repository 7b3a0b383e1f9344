/**
 * Reading + endpoint derivation of 1,000,000 rows: a CSV with three DD.MM.YYYY date columns
 * (origin, death, last follow-up) and numeric/categorical covariates. survinfer: readTableFile +
 * deriveEndpoint (months). R: read.csv + as.Date + difftime for the same derivation.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatIsoDate } from "../../src/data/dates.js";
import { deriveEndpoint } from "../../src/data/endpoints.js";
import { readTableFile } from "../../src/data/read-file.js";
import { defineCases } from "../harness.js";

const N = 1_000_000;

function ddmmyyyy(days: number): string {
  const [y, m, d] = formatIsoDate(days).split("-");
  return `${d}.${m}.${y}`;
}

/** Writes the cohort CSV with a fixed linear congruential generator (deterministic). */
function writeCohort(path: string): void {
  let s = 12345;
  const rnd = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
  const lines: string[] = ["patient_id,date_lung_met,date_death,date_last_followup,age,sex,size_mm,grade"];
  const start = 12419; // 2004-01-01
  for (let i = 0; i < N; i++) {
    const origin = start + Math.floor(rnd() * 6000);
    const dies = rnd() < 0.45;
    const death = dies ? origin + Math.floor(-Math.log(1 - rnd()) * 900) : Number.NaN;
    const fu = dies ? death : origin + Math.floor(rnd() * 3000);
    const age = (30 + rnd() * 50).toFixed(1);
    const sex = rnd() < 0.5 ? "female" : "male";
    const size = Math.floor(20 + rnd() * 150);
    const grade = ["G1", "G2", "G3"][Math.floor(rnd() * 3)];
    lines.push(`P${i + 1},${ddmmyyyy(origin)},${dies ? ddmmyyyy(death) : ""},${ddmmyyyy(fu)},${age},${sex},${size},${grade}`);
  }
  writeFileSync(path, lines.join("\n") + "\n");
}

export const cases = defineCases<{ path: string }>([
  {
    name: "data: read CSV + derive endpoint, 1e6 rows",
    repeats: 3,
    setup(dir) {
      const path = join(dir, "cohort.csv");
      writeCohort(path);
      return { path };
    },
    run({ path }) {
      const { table } = readTableFile(path, { dateFormat: "DD.MM.YYYY" });
      return deriveEndpoint(table, { origin: "date_lung_met", event: "date_death", censor: "date_last_followup", unit: "months" });
    },
    r(dir) {
      return `
t0 <- proc.time()[["elapsed"]]
d <- read.csv(file.path(${JSON.stringify(dir)}, "cohort.csv"), na.strings = c("", "NA", "N/A", ".", "-"), stringsAsFactors = TRUE)
origin <- as.Date(d$date_lung_met, format = "%d.%m.%Y")
death <- as.Date(d$date_death, format = "%d.%m.%Y")
fu <- as.Date(d$date_last_followup, format = "%d.%m.%Y")
status <- as.integer(!is.na(death))
end <- death; end[is.na(death)] <- fu[is.na(death)]
keep <- !is.na(origin) & !is.na(end)
time <- as.numeric(difftime(end[keep], origin[keep], units = "days")) / 30.4375
status <- status[keep]
el <- proc.time()[["elapsed"]] - t0
cat("CHECK", length(time), sum(status), format(sum(time), digits = 15), "\\n")
cat("ELAPSED", el, "\\n")
`;
    },
  },
]);
