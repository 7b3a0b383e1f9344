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

const ODS_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';

/** A minimal OpenDocument spreadsheet whose one table holds `rows` (`<table:table-row>` elements). */
export function ods(rows: string, tableName = "Patients"): Uint8Array {
  const manifest =
    `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">` +
    `<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>` +
    `<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`;
  const content =
    `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODS_NS} office:version="1.2"><office:body><office:spreadsheet>` +
    `<table:table table:name="${tableName}"><table:table-column table:number-columns-repeated="1024"/>${rows}</table:table>` +
    `</office:spreadsheet></office:body></office:document-content>`;
  return zipSync({
    mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
    "META-INF/manifest.xml": strToU8(manifest),
    "content.xml": strToU8(content),
    "styles.xml": strToU8(`<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${ODS_NS} office:version="1.2"/>`),
  });
}

/** ODS cells: a number, a text, and `n` empty cells (self-closing, as LibreOffice writes them). */
export const odsNum = (v: number): string => `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
export const odsStr = (t: string): string => `<table:table-cell office:value-type="string"><text:p>${t}</text:p></table:table-cell>`;
export const odsEmpty = (n: number): string => `<table:table-cell table:number-columns-repeated="${n}"/>`;
