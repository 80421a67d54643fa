/**
 * Export of the registry as CSV (UTF-8 with BOM, so Excel opens it) or XLSX, with the import's
 * Chinese headers and vocabulary labels, so an exported file re-imports unchanged. Records are read
 * in keyset pages and written as a stream: `exportToFile` never holds more than one page.
 *
 * Only the actor's jurisdiction is exported. Resident ID numbers are never written in clear: people
 * get 身份证号码（脱敏） (such a file does not re-import: the import needs the full number), equity
 * holders 股东身份证号码（脱敏） (which the equity import matches against the organization's holders).
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import {
  BROKER_LEVELS,
  EMPLOYMENT,
  HOLDER_TYPES,
  INDUSTRIES,
  LEVELS,
  ORGANIZATION_KINDS,
  PERSON_ROLES,
  PLATFORM_TYPES,
  QUALIFICATION_TYPES,
  SERVICE_TYPES,
} from '../../../../common/vocabulary.js';
import type { Ctx } from '../../../context.js';
import { assertCan } from '../../access/policy.js';
import { jurisdictionPrefix } from '../divisions.js';
import { IMPORT_KINDS, type ImportKindName } from '../import/kinds.js';
import type { TableFormat } from '../import/read-table.js';
import { underPrefix } from '../../../db/under-prefix.js';

/** Rows read per query. */
export const EXPORT_PAGE_SIZE = 5_000;

/** The people export's column for the masked number (not an import column: it cannot re-import). */
export const MASKED_ID_HEADER = '身份证号码（脱敏）';

type Cells = Record<string, string | null | undefined>;

interface Column {
  key: string;
  header: string;
}

interface Exporter {
  columns: Column[];
  pages(ctx: Ctx, prefix: string, pageSize: number): AsyncGenerator<Cells[]>;
}

/** Organization columns the export leaves out (see the organizations exporter). */
const CONTACT_COLUMNS = ['contact_name', 'contact_phone', 'contact_email'];

const text = (v: string | null | undefined) => v ?? '';
const list = (codes: string[], label: (code: string) => string) => codes.map(label).join('；');

/** Pages in a stable order: `fetch(last)` returns the rows after the previous page's last row. */
async function* keysetPages<R>(pageSize: number, fetch: (after: R | undefined) => Promise<R[]>): AsyncGenerator<R[]> {
  let after: R | undefined;
  for (;;) {
    const rows = await fetch(after);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1];
  }
}

function importColumns(kind: ImportKindName): Column[] {
  return IMPORT_KINDS[kind].columns.map((c) => ({ key: c.key, header: c.zh }));
}

const EXPORTERS: Record<ImportKindName, Exporter> = {
  organizations: {
    // The contact columns stay out: importing them replaces every contact with one title-less
    // contact, so a round trip would lose contact titles and further contacts.
    columns: importColumns('organizations').filter((c) => !CONTACT_COLUMNS.includes(c.key)),
    async *pages(ctx, prefix, pageSize) {
      const pages = keysetPages(pageSize, (after: { uscc: string } | undefined) =>
        ctx.db
          .selectFrom('organization')
          .selectAll()
          .where(underPrefix('jurisdiction_code', prefix))
          .$if(after !== undefined, (qb) => qb.where('uscc', '>', after!.uscc))
          .orderBy('uscc')
          .limit(pageSize)
          .execute(),
      );
      for await (const rows of pages) {
        yield rows.map((o) => {
          return {
            name: o.name,
            uscc: o.uscc,
            kind: ORGANIZATION_KINDS.label(o.kind),
            division: o.division_code,
            address: o.address,
            description: o.description,
            industries: list(JSON.parse(o.industries) as string[], INDUSTRIES.label),
            service_types: list(JSON.parse(o.service_types) as string[], SERVICE_TYPES.label),
            rd_filed: o.rd_filed === null ? '' : o.rd_filed === 1 ? '是' : '否',
            rd_filed_on: o.rd_filed_on,
          };
        });
      }
    },
  },

  people: {
    columns: importColumns('people').map((c) => (c.key === 'id_number' ? { key: 'id_number_masked', header: MASKED_ID_HEADER } : c)),
    async *pages(ctx, prefix, pageSize) {
      const pages = keysetPages(pageSize, (after: { name: string; id: string } | undefined) =>
        ctx.db
          .selectFrom('person')
          .select(['id', 'name', 'id_number_masked', 'phone'])
          .where(underPrefix('jurisdiction_code', prefix))
          .$if(after !== undefined, (qb) =>
            qb.where((eb) => eb.or([eb('name', '>', after!.name), eb.and([eb('name', '=', after!.name), eb('id', '>', after!.id)])])),
          )
          .orderBy('name')
          .orderBy('id')
          .limit(pageSize)
          .execute(),
      );
      for await (const people of pages) {
        const ids = people.map((p) => p.id);
        const [roles, affiliations] = await Promise.all([
          ctx.db.selectFrom('person_role').selectAll().where('person_id', 'in', ids).orderBy('role').execute(),
          ctx.db
            .selectFrom('affiliation as a')
            .innerJoin('organization as o', 'o.id', 'a.organization_id')
            .select(['a.person_id', 'a.title', 'o.uscc'])
            .where('a.person_id', 'in', ids)
            .orderBy('o.uscc')
            .execute(),
        ]);
        yield people.map((p) => {
          const own = roles.filter((r) => r.person_id === p.id);
          const broker = own.find((r) => r.role === 'broker');
          const units = affiliations.filter((a) => a.person_id === p.id);
          return {
            name: p.name,
            id_number_masked: p.id_number_masked,
            phone: p.phone,
            roles: list(own.map((r) => r.role), PERSON_ROLES.label),
            certificate_number: broker?.certificate_number,
            broker_level: broker?.level ? BROKER_LEVELS.label(broker.level) : '',
            employment: broker?.employment ? EMPLOYMENT.label(broker.employment) : '',
            // Several units are listed in the same order in both columns.
            organization_uscc: units.map((u) => u.uscc).join('；'),
            title: units.some((u) => u.title) ? units.map((u) => text(u.title)).join('；') : '',
          };
        });
      }
    },
  },

  platforms: {
    columns: importColumns('platforms'),
    async *pages(ctx, prefix, pageSize) {
      const pages = keysetPages(pageSize, (after: { name: string; id: string } | undefined) =>
        ctx.db
          .selectFrom('platform as p')
          .innerJoin('organization as host', 'host.id', 'p.host_organization_id')
          .selectAll('p')
          .select('host.uscc as host_uscc')
          .where(underPrefix('p.jurisdiction_code', prefix))
          .$if(after !== undefined, (qb) =>
            qb.where((eb) => eb.or([eb('p.name', '>', after!.name), eb.and([eb('p.name', '=', after!.name), eb('p.id', '>', after!.id)])])),
          )
          .orderBy('p.name')
          .orderBy('p.id')
          .limit(pageSize)
          .execute(),
      );
      for await (const rows of pages) {
        yield rows.map((p) => ({
          name: p.name,
          type: PLATFORM_TYPES.label(p.type),
          level: LEVELS.label(p.level),
          host_uscc: p.host_uscc,
          recognized_on: p.recognized_on,
          revoked_on: p.revoked_on,
          document_number: p.document_number,
        }));
      }
    },
  },

  qualifications: {
    columns: importColumns('qualifications'),
    async *pages(ctx, prefix, pageSize) {
      const pages = keysetPages(pageSize, (after: { uscc: string; id: string } | undefined) =>
        ctx.db
          .selectFrom('qualification as q')
          .innerJoin('organization as o', 'o.id', 'q.organization_id')
          .selectAll('q')
          .select('o.uscc')
          .where(underPrefix('o.jurisdiction_code', prefix))
          .$if(after !== undefined, (qb) =>
            qb.where((eb) => eb.or([eb('o.uscc', '>', after!.uscc), eb.and([eb('o.uscc', '=', after!.uscc), eb('q.id', '>', after!.id)])])),
          )
          .orderBy('o.uscc')
          .orderBy('q.id')
          .limit(pageSize)
          .execute(),
      );
      for await (const rows of pages) {
        yield rows.map((q) => ({
          uscc: q.uscc,
          type: QUALIFICATION_TYPES.label(q.type),
          number: q.number,
          level: q.level ? LEVELS.label(q.level) : '',
          issued_on: q.issued_on,
          valid_until: q.valid_until,
        }));
      }
    },
  },

  equity: {
    // The full ID number column stays out: person holders are written masked.
    columns: importColumns('equity').filter((c) => c.key !== 'holder_id_number'),
    async *pages(ctx, prefix, pageSize) {
      const pages = keysetPages(pageSize, (after: { uscc: string; id: string } | undefined) =>
        ctx.db
          .selectFrom('equity_holding as e')
          .innerJoin('organization as o', 'o.id', 'e.organization_id')
          .leftJoin('organization as ho', 'ho.id', 'e.holder_organization_id')
          .leftJoin('person as hp', 'hp.id', 'e.holder_person_id')
          .select(['e.id', 'e.holder_type', 'e.percent_bp', 'o.uscc', 'ho.uscc as holder_uscc', 'hp.id_number_masked'])
          .where(underPrefix('o.jurisdiction_code', prefix))
          .$if(after !== undefined, (qb) =>
            qb.where((eb) => eb.or([eb('o.uscc', '>', after!.uscc), eb.and([eb('o.uscc', '=', after!.uscc), eb('e.id', '>', after!.id)])])),
          )
          .orderBy('o.uscc')
          .orderBy('e.id')
          .limit(pageSize)
          .execute(),
      );
      for await (const rows of pages) {
        yield rows.map((e) => ({
          uscc: e.uscc,
          holder_type: HOLDER_TYPES.label(e.holder_type),
          holder_uscc: e.holder_type === 'organization' ? e.holder_uscc : '',
          holder_id_masked: e.holder_type === 'person' ? e.id_number_masked : '',
          // Basis points back to a percent with at most two decimals: 3550 → 35.5.
          percent: String(e.percent_bp / 100),
        }));
      }
    },
  },
};

interface Sink {
  row(values: string[]): Promise<void>;
  close(): Promise<void>;
}

function csvSink(out: Writable): Sink {
  // Cells starting with = + - @ get a leading ' so spreadsheet programs never run them as formulas;
  // readTable strips it again, so exports still re-import unchanged.
  const stringifier = stringify({ bom: true, escape_formulas: true });
  const done = pipeline(stringifier, out);
  const write = async (values: string[]) => {
    if (!stringifier.write(values)) await Promise.race([once(stringifier, 'drain'), done]);
  };
  return {
    async row(values) {
      await write(values);
    },
    async close() {
      stringifier.end();
      await done;
    },
  };
}

function xlsxSink(out: Writable, sheetName: string, headers: string[]): Sink {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = headers.map((h) => ({ header: h, width: Math.max(12, h.length * 2 + 2) }));
  return {
    async row(values) {
      // Every cell is text, so codes, ID numbers and dates keep their exact form.
      sheet.addRow(values.map((v) => (v === '' ? null : v))).commit();
    },
    async close() {
      sheet.commit();
      await workbook.commit();
      if (!out.writableFinished) await finished(out);
    },
  };
}

/** Writes the kind's rows in the actor's jurisdiction to `out`; returns how many rows were written. */
async function writeExport(ctx: Ctx, kind: ImportKindName, format: TableFormat, out: Writable, pageSize: number): Promise<number> {
  const exporter = EXPORTERS[kind];
  const headers = exporter.columns.map((c) => c.header);
  const sink = format === 'csv' ? csvSink(out) : xlsxSink(out, IMPORT_KINDS[kind].title, headers);
  if (format === 'csv') await sink.row(headers);
  let count = 0;
  try {
    for await (const page of exporter.pages(ctx, jurisdictionPrefix(ctx.actor.jurisdictionCode), pageSize)) {
      for (const cells of page) await sink.row(exporter.columns.map((c) => text(cells[c.key])));
      count += page.length;
    }
  } finally {
    await sink.close();
  }
  return count;
}

export interface ExportOptions {
  /** Rows per query (tests use small pages to cover paging). */
  pageSize?: number;
}

/** The whole export in memory: fine for a district's registry; use exportToFile for large sets. */
export async function exportRows(ctx: Ctx, kind: ImportKindName, format: TableFormat, options: ExportOptions = {}): Promise<Buffer> {
  assertCan(ctx.actor, 'registry.export');
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await writeExport(ctx, kind, format, out, options.pageSize ?? EXPORT_PAGE_SIZE);
  return Buffer.concat(chunks);
}

/**
 * Streams the export to a file, one page in memory at a time. Writes `<file>.partial` and renames
 * it when complete, so a failed export never leaves a truncated file under the requested name.
 */
export async function exportToFile(
  ctx: Ctx,
  kind: ImportKindName,
  format: TableFormat,
  filePath: string,
  options: ExportOptions = {},
): Promise<{ rows: number }> {
  assertCan(ctx.actor, 'registry.export');
  const partial = `${filePath}.partial`;
  try {
    const rows = await writeExport(ctx, kind, format, fs.createWriteStream(partial), options.pageSize ?? EXPORT_PAGE_SIZE);
    fs.renameSync(partial, filePath);
    return { rows };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}
