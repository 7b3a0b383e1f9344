/**
 * What a CLI command may touch: its output streams and the working directory (tests pass fakes),
 * and the one place where everything printed is made safe for a terminal.
 *
 * Data text (column names, levels, cell values, file names) reaches the terminal inside tables,
 * notes and error messages. A CSV cell holding `ESC ] 52 ; c ; … BEL` would write the clipboard,
 * `ESC [ 2 J` would clear the screen, U+009B is a one-character CSI and U+202E reverses the text
 * that follows. So every chunk written to stdout or stderr goes through {@link escapeTerminalText},
 * which shows such characters as the visible six-character text `\uXXXX` (lower-case hex), the
 * same spelling JSON uses. Inside a JSON string `\uXXXX` is an escape of the very same character,
 * so `--json` output keeps its exact meaning (JSON.stringify escapes C0 already; DEL, C1, bidi
 * controls and U+2028/U+2029 are escaped here). Files written with --out are not touched.
 */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

/**
 * Characters a terminal may act on: C0 controls except TAB and LF (CR included: it rewrites the
 * line), DEL, C1 controls U+0080–U+009F, the bidi embeddings/overrides U+202A–U+202E and isolates
 * U+2066–U+2069, and the line/paragraph separators U+2028/U+2029 (not valid raw in JS source).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every terminal control character shown as the text `\uXXXX` (e.g. ESC as `\u001b`). */
export function escapeTerminalText(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * A progress bar's redraw, "\r<step> [####....] done/total" (src/cli/commands/run.ts, propensity.ts):
 * its own leading carriage return is the only control character let through, and only on stderr.
 */
const PROGRESS = /^\r[^\n]* \[[#.]*\] \d+\/\d+\n?$/;

/** stderr text made safe, keeping a progress bar's leading "\r" (everything after it is escaped). */
export function escapeStderrText(text: string): string {
  return PROGRESS.test(text) ? `\r${escapeTerminalText(text.slice(1))}` : escapeTerminalText(text);
}

/** The same IO with every write escaped (idempotent: wrapping twice changes nothing). */
export function terminalSafeIO(io: CliIO): CliIO {
  return {
    stdout: (text) => io.stdout(escapeTerminalText(text)),
    stderr: (text) => io.stderr(escapeStderrText(text)),
    cwd: io.cwd,
  };
}

let pipeGuarded = false;

/**
 * Writes to the real stdout. When the reader goes away early (`survinfer simulate --n 1000000 | head`)
 * the program ends quietly with its exit code so far, not with an EPIPE stack trace.
 */
function writeStdout(text: string): void {
  if (!pipeGuarded) {
    pipeGuarded = true;
    process.stdout.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") throw e;
      process.exit();
    });
  }
  process.stdout.write(text);
}

export const processIO: CliIO = terminalSafeIO({
  stdout: writeStdout,
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
