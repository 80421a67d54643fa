/**
 * 授权委托书 (the letter of authorization a unit signs and seals for the person who registers it on
 * the platform), as a blank form to download, print, fill in by hand, sign, seal and upload: blanks
 * for the unit and its credit code, the person and their ID number, the scope of the authorization,
 * its period, the seal, the legal representative's signature and the date.
 */
import type { IsoDate } from '../../../common/dates.js';
import { PdfWriter, type PdfOptions } from './pdf-writer.js';

export interface AuthorizationLetter {
  /** Whom the letter is addressed to, e.g. 湛河区科学技术局. */
  addressee: string;
  /** The platform's name, e.g. 湛河区技术转移体系平台. */
  platform: string;
  /** The date the blank form was generated (the PDF's creation date; the form's own date is filled in by hand). */
  date: IsoDate;
}

const BLANK = '＿＿＿＿＿＿＿＿＿＿＿＿';
const SHORT = '＿＿＿＿＿＿';

export const AUTHORIZATION_SCOPES = [
  '在平台办理本单位的单位注册（或认领机构库中的本单位），并作为本单位的单位管理员管理本单位账号；',
  '以本单位名义发布科技成果、技术需求，办理技术合同登记等平台业务；',
  '以本单位名义申报技术转移奖补资金，提交相关材料；',
  `其他：${BLANK}${BLANK}。`,
];

export async function authorizationLetterPdf(letter: AuthorizationLetter, options: PdfOptions = {}): Promise<Buffer> {
  const pdf = new PdfWriter({ title: '授权委托书', issuer: letter.platform, date: letter.date, subject: `授权委托书（${letter.platform}单位注册）` }, options);
  pdf.title('授权委托书');
  pdf.paragraph(`${letter.addressee}：`, { align: 'left' });
  pdf.paragraph(`委托单位（全称）：${BLANK}${BLANK}`, { align: 'left' });
  pdf.paragraph(`统一社会信用代码：${BLANK}${BLANK}`, { align: 'left' });
  pdf.paragraph(`法定代表人：${SHORT}${SHORT}`, { align: 'left' });
  pdf.paragraph(`受托人姓名：${SHORT}${SHORT}　职务：${SHORT}${SHORT}`, { align: 'left' });
  pdf.paragraph(`受托人身份证号码：${BLANK}${BLANK}`, { align: 'left' });
  pdf.paragraph(`受托人手机号码：${BLANK}`, { align: 'left', gap: 0.8 });
  pdf.paragraph(`兹授权委托上述受托人代表我单位在${letter.platform}办理下列事项（请在所委托的事项前打“√”）：`, { indent: true });
  AUTHORIZATION_SCOPES.forEach((scope) => pdf.paragraph(`□ ${scope}`, { align: 'left', gap: 0.3 }));
  pdf.doc.moveDown(0.5);
  pdf.paragraph(`委托期限：自${SHORT}年＿＿月＿＿日起至${SHORT}年＿＿月＿＿日止。`, { indent: true });
  pdf.paragraph('受托人在上述委托范围内所办理的事项及签署的文件，我单位均予以承认，并承担相应的法律责任。受托人无转委托权。', { indent: true, gap: 0.6 });

  pdf.table(
    [
      { header: '委托单位（盖章）', width: pdf.contentWidth / 2, align: 'center' },
      { header: '签字', width: pdf.contentWidth / 2, align: 'center' },
    ],
    [
      { cells: ['\n\n（单位公章）\n', `法定代表人（签字或盖章）：\n\n受托人（签字）：\n`] },
      { cells: [{ text: `日期：${SHORT}年＿＿月＿＿日`, span: 2, align: 'right' }] },
    ],
    { fontSize: 11 },
  );
  pdf.paragraph('填写说明：', { bold: true, align: 'left', gap: 0.2 });
  [
    '请用黑色签字笔填写，不得涂改；受托人身份证号码应与平台注册时填写的一致。',
    '加盖单位公章（事业单位、社会组织加盖本单位印章），法定代表人签字或加盖名章。',
    '填好后扫描或拍照，保存为 PDF、JPG 或 PNG 文件（不超过 20 MB），在单位注册页面“授权委托书”处上传。',
  ].forEach((line, i) => pdf.paragraph(`${i + 1}. ${line}`, { align: 'left', gap: 0.2 }));
  return pdf.finish();
}
