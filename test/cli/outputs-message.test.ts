/**
 * What `survinfer run` prints after summary.txt (referee B12): in the spec's language, with a path the user can open
 * (relative inside the working folder, absolute outside it, never "../../tmp/…").
 */
import { describe, expect, it } from "vitest";
import { outputsMessage, shownOutputDir } from "../../src/cli/outputs-message.js";

describe("shownOutputDir", () => {
  it("is relative to the working folder when the output folder lies inside it, '.' for the folder itself", () => {
    expect(shownOutputDir("/work/study", "/work/study/out/lms")).toBe("out/lms");
    expect(shownOutputDir("/work/study", "out")).toBe("out");
    expect(shownOutputDir("/work/study", "/work/study")).toBe(".");
  });

  it("is absolute when the output folder lies outside the working folder (no '../..' path)", () => {
    expect(shownOutputDir("/work/wt/main", "/tmp/s11ref/de")).toBe("/tmp/s11ref/de");
    expect(shownOutputDir("/work/study", "../other/out")).toBe("/work/other/out");
    // a sibling whose name starts with two dots is inside
    expect(shownOutputDir("/work/study", "/work/study/..out")).toBe("..out");
  });
});

describe("outputsMessage", () => {
  it("English keeps the lines the CLI printed", () => {
    expect(outputsMessage("/work/study", "/work/study/out", true, "en")).toBe(
      "\nReport: out/report.html\nAll outputs in out/: report.html, figures/ (SVG, PNG), tables/ (CSV), tables.docx, report.docx, results.json, summary.txt\n",
    );
    expect(outputsMessage("/work/study", "/work/study/out", false, "en")).toContain("figures/ (SVG), tables/");
  });

  it("a German run prints German, with the absolute path of an output folder outside the working folder", () => {
    const de = outputsMessage("/work/wt/main", "/tmp/s11ref/de", true, "de");
    expect(de).toBe(
      "\nBericht: /tmp/s11ref/de/report.html\nAlle Ausgaben in /tmp/s11ref/de/: report.html, figures/ (SVG, PNG), tables/ (CSV), tables.docx, report.docx, results.json, summary.txt\n",
    );
    expect(de).not.toContain("All outputs");
    expect(de).not.toContain("../");
  });

  it("a Japanese run prints Japanese", () => {
    const ja = outputsMessage("/work/study", "/work/study/out", true, "ja");
    expect(ja).toContain("レポート：out/report.html");
    expect(ja).toContain("出力一式（out/）：report.html、figures/（SVG、PNG）");
    expect(ja).not.toContain("Report:");
  });
});
