/**
 * Hand-written XLSX parts zipped with fflate: hostile workbooks are built here, byte by byte, so the
 * repository holds no binary fixtures and each test shows exactly what the file contains.
 */
import { strToU8, zipSync } from "fflate";
import type { Zippable } from "fflate";

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";

export interface WorkbookParts {
  /** The `<sheetData>` body of sheet 1 (rows and cells). */
  readonly sheetData: string;
  /** The sheet's declared `<dimension ref>`, e.g. "A1:XFD1048576"; omitted when undefined. */
  readonly dimension?: string;
  /** The `<si>` elements of xl/sharedStrings.xml; no shared-strings part when undefined. */
  readonly sharedStrings?: string;
  readonly sheetName?: string;
  /** Deflate level (fflate); 9 by default. */
  readonly level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

/** A minimal valid .xlsx (content types, relationships, workbook, one sheet, optional shared strings). */
export function xlsx(parts: WorkbookParts): Uint8Array {
  const sst = parts.sharedStrings !== undefined;
  const types =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
    (sst ? `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` : "") +
    `</Types>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="${parts.sheetName ?? "Patients"}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const workbookRels =
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
    (sst ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : "") +
    `</Relationships>`;
  const dim = parts.dimension !== undefined ? `<dimension ref="${parts.dimension}"/>` : "";
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}">${dim}<sheetData>${parts.sheetData}</sheetData></worksheet>`;
  const files: Zippable = {
    "[Content_Types].xml": strToU8(types),
    "_rels/.rels": strToU8(rootRels),
    "xl/workbook.xml": strToU8(workbook),
    "xl/_rels/workbook.xml.rels": strToU8(workbookRels),
    "xl/worksheets/sheet1.xml": strToU8(sheet),
  };
  if (sst) files["xl/sharedStrings.xml"] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}">${parts.sharedStrings}</sst>`);
  return zipSync(files, { level: parts.level ?? 9 });
}

/** One inline-string cell. */
export const str = (ref: string, text: string): string => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
/** One number cell. */
export const num = (ref: string, v: number): string => `<c r="${ref}"><v>${v}</v></c>`;
/** One row. */
export const row = (r: number, cells: string): string => `<row r="${r}">${cells}</row>`;

/** A small valid cohort (time, status) as sheet rows 1..n+1. */
export function cohortRows(times: readonly number[], statuses: readonly number[]): string {
  let s = row(1, str("A1", "time") + str("B1", "status"));
  times.forEach((t, i) => (s += row(i + 2, num(`A${i + 2}`, t) + num(`B${i + 2}`, statuses[i]))));
  return s;
}
