/**
 * Issue 12, app server: `survinfer app` answers only requests addressed to itself (Host header:
 * DNS rebinding), serves only regular files whose real path is inside its folder (symlinks, `..`
 * in every spelling, absolute paths), never lists a directory, sends its CSP on every answer, and
 * turns a busy port or a bad --port into a clear message with exit 2. test/e2e/app-server.test.ts
 * covers the basic serving; this file covers the hostile requests.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request, createServer, type Server } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_CSP, allowedHosts, parsePortOption, startAppServer, type AppServer } from "../../src/cli/commands/app.js";
import { runCli } from "../helpers/cli.js";

const SECRET = "patient data: do not serve";
const dir = mkdtempSync(join(tmpdir(), "survinfer-app-guards-"));
const root = join(dir, "dist");
let app: AppServer;

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A GET with the request target sent exactly as written (fetch would normalise `..` away). */
function get(path: string, host?: string, method = "GET"): Promise<Answer> {
  return new Promise((ok, fail) => {
    const req = request({ host: "127.0.0.1", port: app.port, path, method, headers: { host: host ?? `127.0.0.1:${app.port}` } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

/** A raw HTTP/1.0 request without any Host header. */
function getWithoutHost(path: string): Promise<string> {
  return new Promise((ok, fail) => {
    const socket = connect(app.port, "127.0.0.1", () => socket.write(`GET ${path} HTTP/1.0\r\n\r\n`));
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (c: string) => (text += c));
    socket.on("end", () => ok(text));
    socket.on("error", fail);
  });
}

beforeAll(async () => {
  mkdirSync(join(root, "assets"), { recursive: true });
  writeFileSync(join(root, "index.html"), "<!doctype html><title>app</title>");
  writeFileSync(join(root, "assets", "a.js"), "export {};");
  writeFileSync(join(dir, "secret.txt"), SECRET);
  mkdirSync(join(dir, "private"));
  writeFileSync(join(dir, "private", "data.csv"), SECRET);
  symlinkSync(join(dir, "secret.txt"), join(root, "leak.txt"));
  symlinkSync(join(dir, "private"), join(root, "private-dir"));
  symlinkSync("/etc/hostname", join(root, "host.txt"));
  symlinkSync(join(root, "assets", "a.js"), join(root, "alias.js")); // a link that stays inside is fine
  app = await startAppServer({ dir: root, port: 0 });
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("Host header (DNS rebinding)", () => {
  it("answers 127.0.0.1:PORT, localhost:PORT (any case) and [::1]:PORT", async () => {
    for (const host of [`127.0.0.1:${app.port}`, `localhost:${app.port}`, `LocalHost:${app.port}`, `[::1]:${app.port}`]) {
      const r = await get("/", host);
      expect(r.status, host).toBe(200);
      expect(r.body).toContain("<title>app</title>");
    }
  });

  it("refuses any other Host with 403 and the CSP, for GET, HEAD and POST", async () => {
    const others = ["evil.example", `evil.example:${app.port}`, `127.0.0.1:${app.port + 1}`, "127.0.0.1", `localhost.evil.example:${app.port}`, `127.0.0.2:${app.port}`, `0.0.0.0:${app.port}`, `[::1]`];
    for (const host of others) {
      for (const method of ["GET", "HEAD", "POST"]) {
        const r = await get("/index.html", host, method);
        expect(r.status, `${method} ${host}`).toBe(403);
        expect(r.body).not.toContain("<title>app</title>");
        expect(r.headers["content-security-policy"]).toBe(APP_CSP);
      }
    }
  });

  it("refuses a request without a Host header (HTTP/1.0)", async () => {
    const text = await getWithoutHost("/index.html");
    expect(text).toMatch(/^HTTP\/1\.[01] 403 /);
    expect(text).not.toContain("<title>app</title>");
  });

  it("accepts the bare names only on port 80", () => {
    expect(allowedHosts(8080)).toEqual(new Set(["127.0.0.1:8080", "localhost:8080", "[::1]:8080"]));
    expect(allowedHosts(80).has("localhost")).toBe(true);
    expect(allowedHosts(8080).has("localhost")).toBe(false);
  });
});

describe("only regular files inside the served folder", () => {
  it("does not follow symlinks out of the folder (files or directories): 404", async () => {
    for (const path of ["/leak.txt", "/private-dir/data.csv", "/private-dir/", "/host.txt"]) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain(SECRET);
      expect(r.headers["content-security-policy"]).toBe(APP_CSP);
    }
  });

  it("serves a symlink whose target stays inside the folder", async () => {
    const r = await get("/alias.js");
    expect(r.status).toBe(200);
    expect(r.body).toBe("export {};");
    expect(r.headers["content-type"]).toBe("text/javascript; charset=utf-8");
  });

  it("serves from a folder that is itself a symlink (the check uses the folder's real path)", async () => {
    const link = join(dir, "dist-link");
    symlinkSync(root, link);
    const linked = await startAppServer({ dir: link, port: 0 });
    try {
      const res = await fetch(new URL("assets/a.js", linked.url));
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("export {};");
      expect((await fetch(new URL("leak.txt", linked.url))).status).toBe(404);
    } finally {
      await linked.close();
    }
  });

  it("never lists a directory: 404 for a folder with or without a trailing slash", async () => {
    for (const path of ["/assets", "/assets/", "/assets//", "/private-dir"]) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain("a.js");
    }
  });

  it("refuses traversal in every spelling and absolute paths, never serving the secret", async () => {
    // The URL parser already removes `..` and `%2e%2e` segments (404: no such file inside); an encoded
    // slash survives it and is caught by the folder check (403); nothing is ever served.
    const attempts: [string, number][] = [
      ["/../secret.txt", 404],
      ["/assets/../../secret.txt", 404],
      ["/%2e%2e/secret.txt", 404],
      ["/.%2e/secret.txt", 404],
      ["/%2E%2E%2Fsecret.txt", 403],
      ["/assets/%2e%2e%2f%2e%2e%2fsecret.txt", 403],
      ["/..%2f..%2f..%2f..%2fetc%2fhostname", 403],
      ["/..%5csecret.txt", 404],
      ["/%252e%252e/secret.txt", 404],
      ["//etc/hostname", 404],
      ["/%2fetc%2fhostname", 404],
      [`/${encodeURIComponent(join(dir, "secret.txt"))}`, 404],
      ["http://evil.example/../secret.txt", 404],
      ["/index.html%00.js", 404],
      ["/%E0%A4%A", 400],
    ];
    for (const [path, status] of attempts) {
      const r = await get(path);
      expect(r.status, path).toBe(status);
      expect(r.body).not.toContain(SECRET);
      expect(r.body).not.toContain("<title>app</title>");
      expect(r.headers["content-security-policy"]).toBe(APP_CSP);
      expect(r.headers["content-security-policy"]).toContain("connect-src 'none'");
    }
  });

  it("sends the CSP (connect-src 'none') and nosniff on HEAD and error answers too", async () => {
    for (const [path, method, status] of [["/", "HEAD", 200], ["/nope.js", "GET", 404], ["/%zz", "GET", 400], ["/", "PUT", 405]] as const) {
      const r = await get(path, undefined, method);
      expect(r.status, `${method} ${path}`).toBe(status);
      expect(r.headers["content-security-policy"]).toBe(APP_CSP);
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
      if (method === "HEAD") expect(r.body).toBe("");
    }
  });
});

describe("survinfer app --port", () => {
  it("a busy port: a clear message naming it, exit 2, no stack trace", async () => {
    const busy: Server = createServer();
    await new Promise<void>((ok) => busy.listen(0, "127.0.0.1", () => ok()));
    const address = busy.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    try {
      const r = await runCli(["app", "--port", String(port), "--dir", root]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`survinfer: port ${port} on 127.0.0.1 is already in use. Choose another with --port, or leave --port out to get a free one\n`);
      await expect(startAppServer({ dir: root, port })).rejects.toMatchObject({ code: "APP_PORT_IN_USE" });
    } finally {
      await new Promise<void>((ok) => busy.close(() => ok()));
    }
  });

  it("invalid values exit 2 naming the option", async () => {
    for (const bad of ["0x10", "-1", "70000", "65536", "1e3", "8080.0", " 80", "", "eighty", "+80"]) {
      const r = await runCli(["app", `--port=${bad}`, "--dir", root]);
      expect(r.code, bad).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("option --port must be a whole number from 0 to 65535");
      expect(r.stderr).toContain(`got ${JSON.stringify(bad)}`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const separate = await runCli(["app", "--port", "-1", "--dir", root]);
    expect(separate.code).toBe(2);
    expect(separate.stderr).toContain("--port");
  });

  it("parsePortOption takes decimal digits 0..65535", () => {
    expect(parsePortOption("0")).toBe(0);
    expect(parsePortOption("8080")).toBe(8080);
    expect(parsePortOption("65535")).toBe(65535);
    expect(() => parsePortOption("65536")).toThrow(/--port/);
  });
});
