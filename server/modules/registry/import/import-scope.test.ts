/**
 * Imports reach only what their importer may change by hand (issue 17): 新华区's operator cannot
 * update a 湛河-held organization, add its qualifications, platforms or equity, rewrite its people,
 * record its credit, or add a payment to its contract through a file. Each such row is a row error
 * naming who holds the record, the whole file is refused, and the city, which holds both districts'
 * records through its prefix, may import them.
 */
import { multipartFile } from '../../../testing/multipart.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session } from '../../../testing/app.js';
import { testDialects } from '../../../testing/databases.js';
import { testCtx } from '../../../testing/context.js';
import { makeOrganization, makePerson, nextIdNumber, nextUscc } from '../../../testing/builders.js';
import { makeRegisteredContract } from '../../contracts/test-support.js';


const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\n') + '\n';

for (const dialect of await testDialects()) {
  describe(`imports stay within the importer's jurisdiction on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let xinhua: Session;
    let city: Session;
    let zhanheOrg: { id: string; uscc: string; name: string };
    let zhanheHolder: { uscc: string };
    let person: { idNumber: string };
    let registrationNumber: string;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      xinhua = await t.loginAs(['operator'], [], '410402');
      city = await t.loginAs(['operator'], [], '410400');
      const zhanhe = testCtx(t.handle); // the system actor of 湛河区 (410411)
      const uscc = nextUscc();
      zhanheOrg = { ...(await makeOrganization(zhanhe, { uscc, name: '湛河示例管辖电气有限公司' })), uscc };
      const holderUscc = nextUscc();
      await makeOrganization(zhanhe, { uscc: holderUscc, name: '湛河示例控股有限公司' });
      zhanheHolder = { uscc: holderUscc };
      const idNumber = nextIdNumber();
      await makePerson(zhanhe, { name: '湛河示例人员', idNumber });
      person = { idNumber };
      const contract = await makeRegisteredContract(zhanhe, { buyers: [{ organizationId: zhanheOrg.id }] });
      registrationNumber = contract.registrationNumber!;
    });
    afterAll(async () => t.close());

    const upload = (s: Session, url: string, content: string) => {
      const { body, contentType } = multipartFile('file.csv', content);
      return t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType }, payload: body });
    };
    const refusedRows = (res: Awaited<ReturnType<typeof upload>>) => {
      expect(res.statusCode).toBe(400);
      const error = res.json().error;
      expect(error.code).toBe('IMPORT_INVALID');
      return error.details as { line: number; column: string; reason: string }[];
    };

    it('an organization another district holds is a row error, and the good rows are not written either', async () => {
      const fresh = nextUscc('410402');
      const res = await upload(xinhua, '/api/import/organizations', csv([
        ['名称', '统一社会信用代码', '类型', '行政区划代码', '地址'],
        ['新华示例新公司', fresh, '企业', '410402', '新华区某路1号'],
        [zhanheOrg.name, zhanheOrg.uscc, '企业', '410402', '新华区被改写的地址'],
      ]));
      expect(refusedRows(res)).toEqual([{ line: 3, column: '统一社会信用代码', value: zhanheOrg.uscc, reason: `机构“${zhanheOrg.name}”由湛河区管辖，不能由本辖区导入修改` }]);
      const stored = await t.handle.db.selectFrom('organization').select(['address', 'division_code']).where('id', '=', zhanheOrg.id).executeTakeFirstOrThrow();
      expect(stored.address).not.toBe('新华区被改写的地址');
      expect(await t.handle.db.selectFrom('organization').select('id').where('uscc', '=', fresh).execute()).toEqual([]);
    });

    it('qualifications, platforms and equity of an organization another district holds are refused row by row', async () => {
      const q = refusedRows(await upload(xinhua, '/api/import/qualifications', csv([
        ['统一社会信用代码', '资质类型', '证书编号', '级别', '发证日期', '有效期至'],
        [zhanheOrg.uscc, '高新技术企业', 'GR202641000001', '国家级', '2026-01-10', ''],
      ])));
      expect(q).toEqual([expect.objectContaining({ line: 2, column: '统一社会信用代码', reason: expect.stringContaining('由湛河区管辖') })]);
      const p = refusedRows(await upload(xinhua, '/api/import/platforms', csv([
        ['名称', '类型', '级别', '依托单位统一社会信用代码', '认定日期'],
        ['新华示例越界研究中心', '工程技术研究中心', '省级', zhanheOrg.uscc, '2026-02-01'],
      ])));
      expect(p).toEqual([expect.objectContaining({ line: 2, column: '依托单位统一社会信用代码', reason: expect.stringContaining('由湛河区管辖') })]);
      const e = refusedRows(await upload(xinhua, '/api/import/equity', csv([
        ['统一社会信用代码', '股东类型', '股东统一社会信用代码', '股东身份证号码', '持股比例'],
        [zhanheOrg.uscc, '机构', zhanheHolder.uscc, '', '60'],
      ])));
      expect(e).toEqual([expect.objectContaining({ line: 2, column: '统一社会信用代码', reason: expect.stringContaining('由湛河区管辖') })]);
      expect(await t.handle.db.selectFrom('qualification').select('id').where('organization_id', '=', zhanheOrg.id).execute()).toEqual([]);
      expect(await t.handle.db.selectFrom('platform').select('id').where('host_organization_id', '=', zhanheOrg.id).execute()).toEqual([]);
      expect(await t.handle.db.selectFrom('equity_holding').select('id').where('organization_id', '=', zhanheOrg.id).execute()).toEqual([]);
    });

    it('a person another district holds is refused, showing the number masked', async () => {
      const details = refusedRows(await upload(xinhua, '/api/import/people', csv([
        ['姓名', '身份证号码', '联系电话'],
        ['湛河示例人员', person.idNumber, '13900000000'],
      ])));
      expect(details).toEqual([expect.objectContaining({ line: 2, column: '身份证号码', reason: '人员“湛河示例人员”由湛河区管辖，不能由本辖区导入修改' })]);
      expect(JSON.stringify(details)).not.toContain(person.idNumber);
    });

    it('a payment on a contract another district holds is refused; no payment is added', async () => {
      const details = refusedRows(await upload(xinhua, '/api/contracts/import/payments', csv([
        ['合同登记编号', '付款日期', '付款金额（元）', '转账凭证号'],
        [registrationNumber, '2026-06-10', '300000', 'XH-0001'],
      ])));
      expect(details).toEqual([expect.objectContaining({ line: 2, column: '合同登记编号', reason: '该合同由湛河区管辖，不能由本辖区导入修改' })]);
      expect(await t.handle.db.selectFrom('contract_payment').select('id').where('voucher_number', '=', 'XH-0001').execute()).toEqual([]);
    });

    it('a credit record of an organization another district holds is refused', async () => {
      const details = refusedRows(await upload(xinhua, '/api/credit-records/import', csv([
        ['名称或姓名', '统一社会信用代码', '身份证号码', '类型', '来源', '认定机关', '文号', '起始日期', '截止日期', '备注'],
        [zhanheOrg.name, zhanheOrg.uscc, '', '失信被执行人', '人民法院', '某人民法院', '（2026）豫0402执1号', '2026-05-01', '2029-04-30', '未履行给付义务'],
      ])));
      expect(details).toEqual([expect.objectContaining({ line: 2, column: '统一社会信用代码', reason: expect.stringContaining('由湛河区管辖') })]);
    });

    it('the city, which holds its districts’ records, imports the same update', async () => {
      const res = await upload(city, '/api/import/organizations', csv([
        ['名称', '统一社会信用代码', '类型', '行政区划代码', '地址'],
        [zhanheOrg.name, zhanheOrg.uscc, '企业', '410411', '湛河区市里核实的地址'],
      ]));
      expect(res.json()).toMatchObject({ total: 1, updated: 1 });
    });
  });
}
