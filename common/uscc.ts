/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015, with the embedded
 * organization code (组织机构代码) checked under GB 11714-1997.
 *
 * Layout of the 18 characters:
 *   1     registration authority (登记管理部门码)
 *   2     organization category (机构类别码)
 *   3–8   administrative division code of the registering authority (GB/T 2260)
 *   9–17  organization code: 8 body characters + 1 GB 11714 check character
 *   18    GB 32100 check character
 */

/** The 31 characters GB 32100 allows, in value order (no I, O, S, V, Z). */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type UsccProblem =
  | 'length'
  | 'charset'
  | 'division'
  | 'organization_code_check'
  | 'check_character';

export type UsccResult =
  | { ok: true; code: string; divisionCode: string; organizationCode: string }
  | { ok: false; problem: UsccProblem; message: string };

/** Normalizes user input: trims, drops inner spaces, upper-cases. */
export function normalizeUscc(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** The GB 32100 check character for the first 17 characters (which must be in the alphabet). */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

function orgCodeCharValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  return ch.charCodeAt(0) - 55; // A = 10 … Z = 35
}

/** The GB 11714 check character for an 8-character organization-code body. */
export function organizationCodeCheckCharacter(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCodeCharValue(body8[i]!) * ORG_CODE_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Validates a unified social credit code; messages are Chinese because people read them. */
export function checkUscc(input: string): UsccResult {
  const code = normalizeUscc(input);
  if (code.length !== 18) {
    return { ok: false, problem: 'length', message: `应为18位，实际${code.length}位` };
  }
  for (const ch of code) {
    if (!USCC_ALPHABET.includes(ch)) {
      return { ok: false, problem: 'charset', message: `含非法字符“${ch}”（不得使用 I、O、S、V、Z）` };
    }
  }
  const divisionCode = code.slice(2, 8);
  if (!/^\d{6}$/.test(divisionCode)) {
    return { ok: false, problem: 'division', message: '第3–8位行政区划码应为数字' };
  }
  const organizationCode = code.slice(8, 17);
  const orgCheck = organizationCodeCheckCharacter(organizationCode.slice(0, 8));
  if (orgCheck !== organizationCode[8]) {
    return {
      ok: false,
      problem: 'organization_code_check',
      message: `内嵌组织机构代码校验位错误（应为${orgCheck}）`,
    };
  }
  const check = usccCheckCharacter(code.slice(0, 17));
  if (check !== code[17]) {
    return { ok: false, problem: 'check_character', message: `校验位错误（应为${check}）` };
  }
  return { ok: true, code, divisionCode, organizationCode };
}

/**
 * Builds a valid code from its parts; used by the demo data and the benchmark generator.
 * `body8` is the organization-code body (digits/upper-case letters).
 */
export function buildUscc(authority: string, category: string, divisionCode: string, body8: string): string {
  if (authority.length !== 1 || category.length !== 1 || !/^\d{6}$/.test(divisionCode) || !/^[0-9A-Z]{8}$/.test(body8)) {
    throw new Error(`buildUscc: bad parts ${authority}|${category}|${divisionCode}|${body8}`);
  }
  const orgCode = body8 + organizationCodeCheckCharacter(body8);
  const first17 = authority + category + divisionCode + orgCode;
  return first17 + usccCheckCharacter(first17);
}
