/**
 * Typed errors. Every problem a user can fix is a `SurvinferError` with a stable `code`
 * (e.g. `DATA_NEGATIVE_TIME`) and, where it applies, the place: file, row as the user sees it
 * (header is row 1, first data row is row 2), column, value, and what to do (`hint`).
 * The CLI maps it to exit code 2; anything else is an internal error (exit code 1).
 */
export interface ErrorLocation {
  readonly file?: string;
  /** Row as shown in a spreadsheet: the header is row 1, the first data row is row 2. */
  readonly row?: number;
  readonly column?: string;
  readonly value?: string;
  /** Line in a spec file (1-based), for YAML/JSON errors. */
  readonly line?: number;
  /** Path inside a spec, e.g. `endpoints.os.origin`. */
  readonly path?: string;
}

export interface SurvinferErrorInit extends ErrorLocation {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
}

export class SurvinferError extends Error {
  readonly code: string;
  readonly location: ErrorLocation;
  readonly hint: string | undefined;

  constructor(init: SurvinferErrorInit) {
    super(formatMessage(init));
    this.name = "SurvinferError";
    this.code = init.code;
    this.hint = init.hint;
    const { file, row, column, value, line, path } = init;
    this.location = { file, row, column, value, line, path };
  }
}

/** Option that is not allowed: names the option, what is allowed and what was given. */
export function optionError(option: string, allowed: string, got: unknown): SurvinferError {
  return new SurvinferError({
    code: "OPTION_INVALID",
    message: `option ${option} must be ${allowed}; got ${JSON.stringify(got)}`,
  });
}

function formatMessage(init: SurvinferErrorInit): string {
  const where: string[] = [];
  if (init.file !== undefined) where.push(init.file);
  if (init.line !== undefined) where.push(`line ${init.line}`);
  if (init.row !== undefined) where.push(`row ${init.row}`);
  if (init.column !== undefined) where.push(`column "${init.column}"`);
  if (init.path !== undefined) where.push(`at ${init.path}`);
  let text = where.length > 0 ? `${where.join(", ")}: ${init.message}` : init.message;
  if (init.value !== undefined) text += ` (value: ${JSON.stringify(init.value)})`;
  if (init.hint !== undefined) text += `. ${init.hint}`;
  return text;
}

export function isSurvinferError(e: unknown): e is SurvinferError {
  return e instanceof SurvinferError;
}
