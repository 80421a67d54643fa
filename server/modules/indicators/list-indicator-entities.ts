/**
 * The drill-down of one indicator: the entities it counts on the date (organizations, platforms,
 * people, contracts, applications), paged, with the columns that justify each one being counted.
 */
import { CONTRACT_TYPES, EMPLOYMENT, LEVELS, ORGANIZATION_KINDS, PERSON_ROLES, PLATFORM_TYPES, TECH_FIELDS } from '../../../common/vocabulary.js';
import { APPLICATION_STATUSES } from '../../../common/application-vocabulary.js';
import type { EntityPage } from '../../../common/indicator-api.js';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { findDivision } from '../registry/divisions.js';
import { Computation, endOfDayInstant, todayIn } from './compute-indicators.js';
import { type IndicatorDefinition, indicatorSetFor } from './definitions.js';
import * as repo from './repo.js';
import type { EntitiesQuery } from './schema.js';

const divisionName = (code: string | null) => (code ? (findDivision(code)?.fullName ?? code) : null);

type Columns = EntityPage['columns'];
type Items = EntityPage['items'];

async function contractsPage(c: Computation, def: IndicatorDefinition, on: string, q: EntitiesQuery): Promise<{ columns: Columns; items: Items; total: number }> {
  const filter: repo.ContractFilter = {};
  if (def.measure === 'inflow') filter.buyerIn = true;
  if (def.measure === 'outflow') filter.sellerIn = true;
  if (def.measure === 'academic_transfers') {
    filter.buyerIn = true;
    filter.sellerKinds = def.params.seller_kinds;
  }
  if (q.dimension && q.key) {
    if (q.dimension === 'type') filter.type = q.key;
    if (q.dimension === 'field') filter.field = q.key;
    if (q.dimension === 'origin') filter.origin = q.key;
    if (q.dimension === 'direction') {
      if (q.key === 'inflow') filter.buyerIn = true;
      else if (q.key === 'outflow') filter.sellerIn = true;
    }
  }
  const { total, rows } = await repo.contractEntities(c.db, c.prefix, `${on.slice(0, 4)}-01-01`, on, filter, q.page, q.pageSize);
  return {
    total,
    columns: [
      { key: 'registrationNumber', label: '登记编号' },
      { key: 'name', label: '合同名称' },
      { key: 'type', label: '类型' },
      { key: 'field', label: '技术领域' },
      { key: 'seller', label: '卖方' },
      { key: 'sellerDivision', label: '卖方所在地' },
      { key: 'buyer', label: '买方' },
      { key: 'buyerDivision', label: '买方所在地' },
      { key: 'techAmountFen', label: '技术交易额（分）' },
      { key: 'registeredOn', label: '登记日期' },
    ],
    items: rows.map((r) => ({
      id: r.id,
      registrationNumber: r.registration_number,
      name: r.name,
      type: CONTRACT_TYPES.label(r.type),
      field: TECH_FIELDS.label(r.tech_field),
      seller: r.seller_name ?? r.seller_person,
      sellerDivision: divisionName(r.seller_division),
      buyer: r.buyer_name ?? r.buyer_person,
      buyerDivision: divisionName(r.buyer_division),
      techAmountFen: r.tech_amount_fen,
      registeredOn: r.registered_on,
      isDemo: r.is_demo === 1,
    })),
  };
}

async function entityPage(c: Computation, def: IndicatorDefinition, on: string, q: EntitiesQuery): Promise<{ columns: Columns; items: Items; total: number }> {
  const p = def.params;
  switch (def.measure) {
    case 'contracts':
    case 'turnover':
    case 'inflow':
    case 'outflow':
    case 'academic_transfers':
      return contractsPage(c, def, on, q);
    case 'demonstration_institutions': {
      const rows = await repo.demonstrationRows(c.db, c.prefix, on, p.levels!);
      const byOrg = new Map<string, repo.DemonstrationRow[]>();
      for (const r of rows) byOrg.set(r.organization_id, [...(byOrg.get(r.organization_id) ?? []), r]);
      const all = [...byOrg.values()].sort((a, b) => a[0]!.name.localeCompare(b[0]!.name, 'zh-CN'));
      return {
        total: all.length,
        columns: [
          { key: 'name', label: '机构' },
          { key: 'division', label: '所在地' },
          { key: 'level', label: '级别' },
          { key: 'basis', label: '认定依据' },
          { key: 'since', label: '认定日期' },
        ],
        items: all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((list) => ({
          id: list[0]!.organization_id,
          name: list[0]!.name,
          division: divisionName(list[0]!.division_code),
          level: [...new Set(list.map((r) => LEVELS.label(r.level ?? '')))].join('、'),
          basis: list.map((r) => r.basis).join('；'),
          since: list.map((r) => r.since).sort()[0]!,
          isDemo: list[0]!.is_demo === 1,
        })),
      };
    }
    case 'practitioners': {
      const { total, people, roleRows } = await repo.practitionerEntities(c.db, c.prefix, p.roles!, on, q.page, q.pageSize);
      return {
        total,
        columns: [
          { key: 'name', label: '姓名' },
          { key: 'roles', label: '身份' },
          { key: 'employment', label: '专兼职' },
          { key: 'certificates', label: '证书编号' },
        ],
        items: people.map((person) => {
          const mine = roleRows.filter((r) => r.person_id === person.id);
          return {
            id: person.id,
            name: person.name,
            roles: mine.map((r) => PERSON_ROLES.label(r.role)).join('、'),
            employment: [...new Set(mine.map((r) => (r.employment ? EMPLOYMENT.label(r.employment) : '未注明')))].join('、'),
            certificates: mine.map((r) => r.certificate_number).filter(Boolean).join('、') || null,
            isDemo: person.is_demo === 1,
          };
        }),
      };
    }
    case 'qualified_organizations': {
      const { total, rows } = await repo.qualifiedEntities(c.db, c.prefix, on, p.qualification!, q.page, q.pageSize);
      return {
        total,
        columns: [
          { key: 'name', label: '机构' },
          { key: 'kind', label: '类型' },
          { key: 'division', label: '所在地' },
          { key: 'number', label: '证书（登记）编号' },
          { key: 'issuedOn', label: '发证日期' },
          { key: 'validUntil', label: '有效期至' },
        ],
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          kind: ORGANIZATION_KINDS.label(r.kind),
          division: divisionName(r.division_code),
          number: r.number,
          issuedOn: r.issued_on,
          validUntil: r.valid_until,
          isDemo: r.is_demo === 1,
        })),
      };
    }
    case 'rd_platforms':
    case 'incubators':
    case 'international_cooperation': {
      const { total, rows } = await repo.platformEntities(c.db, c.prefix, on, p.types!, p.levels ?? null, q.page, q.pageSize);
      return {
        total,
        columns: [
          { key: 'name', label: '平台名称' },
          { key: 'type', label: '类型' },
          { key: 'level', label: '级别' },
          { key: 'host', label: '依托机构' },
          { key: 'division', label: '所在地' },
          { key: 'recognizedOn', label: '认定日期' },
        ],
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          type: PLATFORM_TYPES.label(r.type),
          level: LEVELS.label(r.level),
          host: r.host_name,
          division: divisionName(r.division_code),
          recognizedOn: r.recognized_on,
          isDemo: r.is_demo === 1,
        })),
      };
    }
    case 'subsidy_applications':
    case 'subsidy_paid': {
      const notices = await repo.noticesOfYear(c.db, c.prefix, Number(on.slice(0, 4)));
      const { total, rows } = await repo.applicationEntities(c.db, notices.map((n) => n.id), endOfDayInstant(on), q.page, q.pageSize);
      return {
        total,
        columns: [
          { key: 'number', label: '申报编号' },
          { key: 'notice', label: '申报通知' },
          { key: 'organization', label: '申报单位' },
          { key: 'status', label: '状态' },
          { key: 'awardYuan', label: '核定奖补（元）' },
          { key: 'paidFen', label: '已拨付（分）' },
          { key: 'paidOn', label: '拨付日期' },
        ],
        items: rows.map((r) => ({
          id: r.id,
          number: r.number,
          notice: r.notice_title,
          organization: r.organization_name,
          status: APPLICATION_STATUSES.label(r.status),
          awardYuan: r.award_yuan,
          paidFen: r.paid_on && r.paid_on <= on ? r.paid_fen : null,
          paidOn: r.paid_on && r.paid_on <= on ? r.paid_on : null,
          isDemo: r.is_demo === 1,
        })),
      };
    }
    default:
      return { total: 0, columns: [], items: [] };
  }
}

/** GET /api/indicators/:id/entities: what the indicator counts on `asOf`, one page. */
export async function listIndicatorEntities(ctx: Ctx, id: string, query: EntitiesQuery): Promise<EntityPage> {
  assertCan(ctx.actor, 'indicators.read');
  const def = indicatorSetFor(ctx.actor.jurisdictionCode).indicators.find((d) => d.id === id);
  if (!def) throw new AppError('NOT_FOUND', `没有这个指标：${id}`);
  const asOf = query.asOf ?? todayIn(ctx);
  const page = await entityPage(new Computation(ctx.db, ctx.actor.jurisdictionCode), def, asOf, query);
  return { indicator: { id: def.id, name: def.name, measure: def.measure }, asOf, ...page, page: query.page, pageSize: query.pageSize };
}
