/**
 * The static server of `survinfer app`: 127.0.0.1 only, GET/HEAD only, the CSP header on every
 * response, no path escapes from the app directory, and a clear error when the app is not built.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Command } from "commander";
import { APP_CSP, registerApp, startAppServer, type AppServer } from "../../src/cli/commands/app.js";

describe("survinfer app server", () => {
  const dir = mkdtempSync(join(tmpdir(), "survinfer-app-server-"));
  const root = join(dir, "dist");
  let app: AppServer;
  beforeAll(async () => {
    mkdirSync(join(root, "assets"), { recursive: true });
    writeFileSync(join(root, "index.html"), "<!doctype html><title>t</title>");
    writeFileSync(join(root, "assets", "a.js"), "export {};");
    writeFileSync(join(dir, "secret.txt"), "patient data");
    app = await startAppServer({ dir: root, port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("listens on 127.0.0.1 on an ephemeral port and serves index.html with the CSP header", async () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(app.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toBe(APP_CSP);
    expect(APP_CSP).toContain("connect-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toContain("<title>t</title>");
    const js = await fetch(new URL("assets/a.js", app.url));
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
  });

  it("refuses paths outside the app directory, unknown files and methods other than GET/HEAD", async () => {
    expect((await fetch(new URL("/..%2fsecret.txt", app.url))).status).toBe(403);
    expect((await fetch(new URL("/nope.js", app.url))).status).toBe(404);
    const post = await fetch(app.url, { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("content-security-policy")).toBe(APP_CSP);
  });

  it("says how to build the app when it is missing", async () => {
    await expect(startAppServer({ dir: join(dir, "nothing") })).rejects.toThrow(/has no built app.*vite build web/);
    // the command itself (registered as the CLI registers it)
    const program = new Command("survinfer").exitOverride();
    let out = "";
    registerApp(program, { stdout: (t) => (out += t), stderr: () => undefined, cwd: dir });
    await expect(program.parseAsync(["app", "--dir", "nothing"], { from: "user" })).rejects.toMatchObject({ code: "APP_NOT_BUILT" });
    expect(out).toBe("");
  });
});
