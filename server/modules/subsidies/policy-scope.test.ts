/**
 * A jurisdiction settles and opens notices only under its own policies (issue 17): 新华区's operator
 * is refused 湛河区's plan with a reason in words; 湛河's notice carries 湛河区科学技术局 unless the
 * operator writes another issuer, and a city's its own bureau.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { builtInPolicy, builtInPolicyIds, policyHomeCode } from './policy.js';
import { defaultIssuer } from './policy-scope.js';

describe('a policy’s home jurisdiction', () => {
  it('is the most specific jurisdiction it names, as a 6-digit code', () => {
    const homes = Object.fromEntries(builtInPolicyIds().map((id) => [id, policyHomeCode(builtInPolicy(id)!)]));
    expect(homes).toMatchObject({ 'zhanhe-2022': '410411', 'henan-2023': '410000', 'zhengzhou-2023': '410100', 'lanzhou-2025': '620100' });
    expect(defaultIssuer('410400')).toBe('平顶山市科学技术局');
  });
});

const notice = (extra: Record<string, unknown> = {}) => ({
  title: '2026年度技术转移奖补申报通知', policy: 'zhanhe-2022', year: 2026, opensOn: '2026-03-01', closesOn: '2026-03-31', rules: ['enterprise_purchase'], noticeDays: 5, ...extra,
});

for (const dialect of await testDialects()) {
  describe(`policies within their jurisdiction on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let zhanhe: Session;
    let xinhua: Session;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      zhanhe = await t.loginAs(['operator'], [], '410411');
      xinhua = await t.loginAs(['operator'], [], '410402');
    });
    afterAll(async () => t.close());

    it('another district may neither settle nor open a notice under 湛河区’s plan, and nothing is stored', async () => {
      const settle = await t.call(xinhua, 'POST', '/api/subsidies/settlements', { policy: 'zhanhe-2022', year: 2023 });
      expect(settle.statusCode).toBe(403);
      expect(settle.json().error.message).toBe('政策“湛河区技术转移体系建设实施方案（试行）”由湛河区制定，新华区不能按它结算');
      const open = await t.call(xinhua, 'POST', '/api/notices', notice());
      expect(open.statusCode).toBe(403);
      expect(open.json().error.message).toContain('新华区不能按它发布申报通知');
      expect(await t.handle.db.selectFrom('settlement_run').select('id').execute()).toEqual([]);
      expect(await t.handle.db.selectFrom('subsidy_notice').select('id').execute()).toEqual([]);
    });

    it('湛河区 opens its notice; the issuer is its own bureau unless written', async () => {
      const own = await t.call(zhanhe, 'POST', '/api/notices', notice());
      expect(own.statusCode, own.body).toBe(201);
      expect(own.json().issuer).toBe('湛河区科学技术局');
      const written = await t.call(zhanhe, 'POST', '/api/notices', notice({ title: '2026年度技术转移奖补申报通知（第二批）', issuer: '湛河区科学技术局、湛河区财政局' }));
      expect(written.json().issuer).toBe('湛河区科学技术局、湛河区财政局');
    });

    it('an unknown policy is named by the titles one may choose, not by file ids', async () => {
      const res = await t.call(zhanhe, 'POST', '/api/subsidies/settlements', { policy: 'nowhere', year: 2023 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('湛河区技术转移体系建设实施方案（试行）');
      expect(res.json().error.message).not.toContain('zhanhe-2022');
    });
  });
}
