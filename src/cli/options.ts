/** Parsing of CLI option values into typed values, with errors that name the option. */
import { SurvinferError } from "../errors.js";

export function parseNumberOption(option: string, text: string): number {
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v)) {
    throw new SurvinferError({ code: "OPTION_INVALID", message: `option ${option} must be a number`, value: text });
  }
  return v;
}

export function parseNumberList(option: string, text: string): number[] {
  return text.split(",").map((s) => parseNumberOption(option, s.trim()));
}

/** `--reference COL=LEVEL` (repeatable) into a record. */
export function parseReferences(values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const eq = v.indexOf("=");
    if (eq <= 0) {
      throw new SurvinferError({ code: "OPTION_INVALID", message: "option --reference must look like COLUMN=LEVEL", value: v });
    }
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function parseChoice<T extends string>(option: string, text: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new SurvinferError({
    code: "OPTION_INVALID",
    message: `option ${option} must be one of ${allowed.join(", ")}`,
    value: text,
  });
}
