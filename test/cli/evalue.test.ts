import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

describe("survinfer evalue", () => {
  it("--json prints exactly one JSON object with point and ci", async () => {
    const r = await runCli(["evalue", "--hr", "0.62", "--lower", "0.41", "--upper", "0.94", "--json"]);
    expect(r.code).toBe(0);
    const obj = JSON.parse(r.stdout) as { point: number; ci: number };
    expect(obj.point).toBeGreaterThan(obj.ci);
    expect(r.stderr).toBe("");
  });

  it("bad input exits 2 with a message naming the option and value", async () => {
    const r = await runCli(["evalue", "--hr", "abc"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--hr");
    expect(r.stderr).toContain('"abc"');
  });

  it("a missing required option exits 2", async () => {
    const r = await runCli(["evalue"]);
    expect(r.code).toBe(2);
  });
});
