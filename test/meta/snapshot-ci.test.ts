/** The SVG snapshot helper never writes or re-baselines a snapshot under CI (docs/validation.md, "Test policy"). */
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compareSnapshot, isCi, svgFixtureDir } from "../report/plots/snapshot.js";

const NAME = "meta-snapshot-ci-probe";
const FILE = join(svgFixtureDir, `${NAME}.svg`);

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(FILE, { force: true });
});

describe("compareSnapshot under CI", () => {
  it("isCi: CI=true/1/yes count, unset, empty, 0 and false do not", () => {
    expect([isCi({ CI: "true" }), isCi({ CI: "1" }), isCi({ CI: "yes" })]).toEqual([true, true, true]);
    expect([isCi({}), isCi({ CI: "" }), isCi({ CI: "0" }), isCi({ CI: "false" }), isCi({ CI: "FALSE" })]).toEqual([false, false, false, false, false]);
  });

  it("a missing snapshot fails and is not written when CI=true", () => {
    vi.stubEnv("CI", "true");
    vi.stubEnv("UPDATE_SNAPSHOTS", "");
    const msg = compareSnapshot(NAME, "<svg><rect x=\"1.23456\"/></svg>");
    expect(msg).toMatch(/meta-snapshot-ci-probe\.svg is missing and CI/);
    expect(existsSync(FILE)).toBe(false);
  });

  it("UPDATE_SNAPSHOTS=1 is refused when CI=true, and nothing is written", () => {
    vi.stubEnv("CI", "true");
    vi.stubEnv("UPDATE_SNAPSHOTS", "1");
    expect(compareSnapshot(NAME, "<svg/>")).toMatch(/UPDATE_SNAPSHOTS=1 is refused under CI/);
    expect(existsSync(FILE)).toBe(false);
  });

  it("outside CI a missing snapshot is written once, then compared", () => {
    vi.stubEnv("CI", "");
    vi.stubEnv("UPDATE_SNAPSHOTS", "");
    expect(compareSnapshot(NAME, "<svg><rect x=\"1.23456\"/></svg>")).toBeNull();
    expect(existsSync(FILE)).toBe(true);
    expect(compareSnapshot(NAME, "<svg><rect x=\"1.2346\"/></svg>")).toBeNull();
    expect(compareSnapshot(NAME, "<svg><rect x=\"2\"/></svg>")).toMatch(/differs/);
    rmSync(join(svgFixtureDir, `${NAME}-changed.svg`), { force: true });
  });
});
