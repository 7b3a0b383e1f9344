/**
 * `survinfer app [--port N] [--dir DIR]`: serves the built local app (web/dist, made by `vite build web`)
 * on 127.0.0.1 only, with node:http and nothing else. The app reads the data file in the browser and
 * computes in a Web Worker; this server only hands out its static files, never receives data (it
 * answers GET and HEAD only) and sends the same Content-Security-Policy as the page's meta tag, which
 * forbids every network connection (`connect-src 'none'`).
 *
 * Two guards keep other web pages and other files out: the Host header must name this server
 * (127.0.0.1:PORT, localhost:PORT or [::1]:PORT; anything else is a DNS-rebinding attempt and gets
 * 403), and only regular files whose real path (symlinks resolved) lies inside the served folder are
 * served (404 otherwise; never a directory listing).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { optionError, SurvinferError } from "../../errors.js";
import type { CliIO } from "../io.js";

/** The app's Content-Security-Policy (also in web/index.html as a meta tag). */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; connect-src 'none'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; " +
  "worker-src 'self' blob:; frame-src blob: data: 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".map": "application/json; charset=utf-8",
};

/** Where `vite build web` puts the app, relative to this file (src/cli/commands or dist/cli/commands). */
export function defaultAppDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "web", "dist");
}

export interface AppServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

export interface AppServerOptions {
  /** Directory of the built app (with index.html); default web/dist. */
  readonly dir?: string;
  /** Port; 0 (default) = an ephemeral port chosen by the system. */
  readonly port?: number;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, head: boolean): void {
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": Buffer.byteLength(body),
    "Content-Security-Policy": APP_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-cache",
  });
  res.end(head ? undefined : body);
}

/**
 * The Host header values this server answers to (DNS-rebinding guard): a page from another origin
 * that resolves its own name to 127.0.0.1 still sends its own name as Host. Port 80 may be left out.
 */
export function allowedHosts(port: number): ReadonlySet<string> {
  const names = ["127.0.0.1", "localhost", "[::1]"];
  return new Set([...names.map((n) => `${n}:${port}`), ...(port === 80 ? names : [])]);
}

/** The regular file under `realRoot` that `file` is, symlinks resolved; null if none (or outside). */
function servableFile(realRoot: string, file: string): string | null {
  try {
    const real = realpathSync(file);
    if (!real.startsWith(realRoot + sep)) return null;
    return statSync(real).isFile() ? real : null;
  } catch {
    return null; // missing, unreadable, or not a valid path (e.g. a NUL byte)
  }
}

function handler(root: string, realRoot: string, port: () => number) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const head = req.method === "HEAD";
    if (!allowedHosts(port()).has((req.headers.host ?? "").toLowerCase())) {
      send(res, 403, "forbidden: unexpected Host header (open the address survinfer app printed)\n", TYPES[".txt"], head);
      return;
    }
    if (req.method !== "GET" && !head) {
      res.setHeader("Allow", "GET, HEAD");
      send(res, 405, "method not allowed\n", TYPES[".txt"], false);
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    } catch {
      send(res, 400, "bad request\n", TYPES[".txt"], head);
      return;
    }
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      send(res, 403, "forbidden\n", TYPES[".txt"], head);
      return;
    }
    const real = servableFile(realRoot, file);
    if (real === null) {
      send(res, 404, "not found\n", TYPES[".txt"], head);
      return;
    }
    send(res, 200, readFileSync(real), TYPES[extname(file).toLowerCase()] ?? "application/octet-stream", head);
  };
}

/** `--port`: a whole number 0..65535 written in decimal digits (no sign, hex, exponent or spaces). */
export function parsePortOption(text: string): number {
  const port = /^[0-9]{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port <= 65535)) throw optionError("--port", "a whole number from 0 to 65535 (0: a free port)", text);
  return port;
}

/** The error a failed listen becomes: a busy or forbidden port is the user's to fix (exit 2). */
function listenError(e: unknown, port: number): unknown {
  const code = typeof e === "object" && e !== null && "code" in e ? (e as { code: unknown }).code : undefined;
  if (code === "EADDRINUSE") {
    return new SurvinferError({
      code: "APP_PORT_IN_USE",
      message: `port ${port} on 127.0.0.1 is already in use`,
      hint: "Choose another with --port, or leave --port out to get a free one",
    });
  }
  if (code === "EACCES" || code === "EPERM") {
    return new SurvinferError({
      code: "APP_PORT_DENIED",
      message: `port ${port} on 127.0.0.1 may not be opened by this user`,
      hint: "Choose a port above 1023 with --port, or leave --port out to get a free one",
    });
  }
  return e;
}

/**
 * Starts the static server of the built app on 127.0.0.1 (never another interface).
 *
 * @example
 * ```ts
 * const app = await startAppServer({ port: 0 });
 * console.log(app.url); // http://127.0.0.1:43121/
 * await app.close();
 * ```
 */
export async function startAppServer(options: AppServerOptions = {}): Promise<AppServer> {
  const root = resolve(options.dir ?? defaultAppDir());
  if (!existsSync(join(root, "index.html"))) {
    throw new SurvinferError({
      code: "APP_NOT_BUILT",
      file: root,
      message: "has no built app (index.html is missing)",
      hint: "Build it first: npx vite build web (or npm run build:web)",
    });
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SurvinferError({ code: "OPTION_INVALID", message: `option --port must be an integer from 0 to 65535; got ${JSON.stringify(port)}` });
  }
  let actual = port;
  const server = createServer(handler(root, realpathSync(root), () => actual));
  await new Promise<void>((ok, fail) => {
    server.once("error", (e) => fail(listenError(e, port)));
    server.listen(port, "127.0.0.1", () => ok());
  });
  const address = server.address();
  actual = typeof address === "object" && address !== null ? address.port : port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    server,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

interface AppOptions {
  port?: string;
  dir?: string;
}

export function registerApp(program: Command, io: CliIO): void {
  program
    .command("app")
    .description("serve the local app on 127.0.0.1 (the data never leave this computer)")
    .option("--port <port>", "port (default: a free port)")
    .option("--dir <dir>", "directory of the built app (default: web/dist)")
    .action(async (opts: AppOptions) => {
      const port = opts.port === undefined ? 0 : parsePortOption(opts.port);
      const app = await startAppServer({ port, dir: opts.dir === undefined ? undefined : resolve(io.cwd, opts.dir) });
      io.stdout(`survinfer app: open ${app.url} in your browser (served from 127.0.0.1 only; nothing is uploaded). Stop with Ctrl+C.\n`);
      await new Promise<void>((done) => {
        const stop = (): void => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void app.close().then(done);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
        app.server.once("close", () => done());
      });
    });
}
