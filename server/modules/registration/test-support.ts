/** Builders for the registration tests: a captcha whose answer the test knows, evidence files, applications. */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { Ctx } from '../../context.js';
import { nextIdNumber, nextUscc } from '../../testing/builders.js';
import { issueCaptcha, type CaptchaMaker } from './captcha.js';
import type { RegistrationUploads } from './application-fields.js';
import type { ApplicationInput, BrokerApplicationInput, UnitApplicationInput } from './schema.js';

export const CAPTCHA_ANSWER = 'k7Wd';

/** Draws a real image but with an answer the test knows. */
export const knownCaptcha: CaptchaMaker = () => ({ svg: '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="10" y="30">k7Wd</text></svg>', answer: CAPTCHA_ANSWER });

export async function solvedCaptcha(ctx: Ctx): Promise<{ captchaId: string; captchaAnswer: string }> {
  const c = await issueCaptcha(ctx, knownCaptcha);
  return { captchaId: c.id, captchaAnswer: CAPTCHA_ANSWER };
}

/** A small real PDF (one page, one line). */
export function samplePdf(text = 'license'): Buffer {
  const body = `BT /F1 12 Tf 72 720 Td (${text} ${crypto.randomUUID()}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${body.length} >>\nstream\n${body}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A small real PNG (a grey square with a random pixel, so each is a different file). */
export function samplePng(): Buffer {
  const crc = (buf: Buffer) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, sum]);
  };
  const size = 16;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((size + 1) * size, 0x99);
  for (let y = 0; y < size; y++) raw[y * (size + 1)] = 0; // filter: none
  raw[1 + crypto.randomInt(size)] = crypto.randomInt(256);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function evidence(): RegistrationUploads {
  return { license: { data: samplePdf('business license'), fileName: '营业执照.pdf' }, authorization: { data: samplePng(), fileName: '授权委托书.png' } };
}

let serial = 0;

export function unitApplication(overrides: Partial<UnitApplicationInput> = {}): UnitApplicationInput {
  serial += 1;
  return {
    applicantType: 'unit',
    creditCode: nextUscc('410411'),
    orgName: `平顶山注册测试${serial}科技有限公司`,
    orgKind: 'enterprise',
    divisionCode: '410411',
    address: '河南省平顶山市湛河区开源路18号',
    legalRepName: '王建国',
    licenseKind: 'business_license',
    applicantName: '李经办',
    mobile: '13837500001',
    position: '科技项目主管',
    username: `unit${serial}_${crypto.randomInt(1e6)}`,
    password: 'Zhuce@2026go',
    ...overrides,
  };
}

export function brokerApplication(agencyCreditCode: string, overrides: Partial<BrokerApplicationInput> = {}): BrokerApplicationInput {
  serial += 1;
  return {
    applicantType: 'broker',
    agencyCreditCode,
    idNumber: nextIdNumber(),
    applicantName: '赵经纪',
    mobile: '13937500002',
    position: '技术经理人',
    employment: 'full_time',
    username: `broker${serial}_${crypto.randomInt(1e6)}`,
    password: 'Jingji@2026go',
    ...overrides,
  };
}

export type { ApplicationInput };

/** Makes an account the 单位管理员 of a unit it acts for (the permission-table test's accounts). */
export { grantUnitAdmin as makeUnitAdmin } from './accounts.js';
