/**
 * Mailing a one-time password, only when the platform has a mail server: TT_SMTP_URL (e.g.
 * smtps://user:pass@smtp.example.gov.cn:465) and TT_SMTP_FROM. Without them nothing is assumed: the
 * admin reads the code from the screen. A mail that fails never undoes the reset; the admin is told why.
 */
import nodemailer from 'nodemailer';
import { findDivision } from '../registry/divisions.js';

export function mailConfigured(): boolean {
  return !!process.env.TT_SMTP_URL && !!process.env.TT_SMTP_FROM;
}

export async function mailOneTimePassword(to: { email: string | null; displayName: string; username: string }, password: string, expiresAt: string, jurisdictionCode: string): Promise<string | null> {
  if (!mailConfigured()) return '平台未配置邮件服务，请将一次性密码当面或电话告知本人';
  if (!to.email) return '该账号未登记电子邮箱';
  const platform = `${findDivision(jurisdictionCode)?.name ?? ''}技术转移体系平台`;
  const until = new Date(new Date(expiresAt).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  try {
    const transport = nodemailer.createTransport(process.env.TT_SMTP_URL!);
    await transport.sendMail({
      from: process.env.TT_SMTP_FROM!,
      textEncoding: 'base64',
      to: to.email,
      subject: `${platform}：您的一次性登录密码`,
      text: [
        `${to.displayName}，您好：`,
        '',
        `管理员为您在${platform}的账号 ${to.username} 设置了一次性密码：${password}`,
        `请于 ${until}（北京时间）前登录，登录后须立即设置自己的新密码。`,
        '如非本人申请，请联系平台管理员。',
      ].join('\n'),
    });
    transport.close();
    return null;
  } catch (error) {
    return `邮件未能发出（${(error as Error).message}），请将一次性密码当面或电话告知本人`;
  }
}
