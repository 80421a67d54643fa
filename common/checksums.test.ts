import { describe, expect, it } from 'vitest';
import { buildUscc, checkUscc, organizationCodeCheckCharacter, usccCheckCharacter } from './uscc.js';
import { buildResidentId, checkResidentId, maskResidentId } from './resident-id.js';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts published real codes', () => {
    // Examples published with the standard's explanations and on public registration records.
    for (const code of ['91350100M000100Y43', '91110000600037341L', '914100001699542485']) {
      expect(checkUscc(code)).toMatchObject({ ok: true, code });
    }
  });

  it('normalizes spaces and lower case', () => {
    expect(checkUscc(' 91350100m000100y43 ')).toMatchObject({ ok: true, code: '91350100M000100Y43' });
  });

  it('names the problem: length, charset, division, embedded organization code, check character', () => {
    expect(checkUscc('9135010')).toMatchObject({ ok: false, problem: 'length' });
    expect(checkUscc('91350100M000100YI3')).toMatchObject({ ok: false, problem: 'charset' });
    expect(checkUscc('9135A100M000100Y43')).toMatchObject({ ok: false, problem: 'division' });
    expect(checkUscc('91350100M000100Y53')).toMatchObject({ ok: false, problem: 'organization_code_check' });
    expect(checkUscc('91350100M000100Y44')).toMatchObject({ ok: false, problem: 'check_character', message: expect.stringContaining('应为3') });
  });

  it('detects every single-character substitution in the first 17 characters', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const code = '91350100M000100Y43';
    for (let i = 0; i < 17; i++) {
      for (const ch of alphabet) {
        if (ch === code[i]) continue;
        const altered = code.slice(0, i) + ch + code.slice(i + 1);
        expect(checkUscc(altered).ok, altered).toBe(false);
      }
    }
  });

  it('builds codes that check, with the GB 11714 X check character when it arises', () => {
    expect(organizationCodeCheckCharacter('M000100Y')).toBe('4');
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    let sawX = false;
    for (let n = 0; n < 200; n++) {
      const code = buildUscc('9', '1', '410411', `MA${String(n).padStart(6, '0')}`);
      expect(checkUscc(code).ok, code).toBe(true);
      if (code[16] === 'X') sawX = true;
    }
    expect(sawX).toBe(true);
    expect(() => buildUscc('9', '1', '410411', 'TOOLONG99')).toThrow();
  });
});

describe('resident identity number (GB 11643-1999)', () => {
  it('accepts the standard example, with X as the check character', () => {
    expect(checkResidentId('11010519491231002X')).toEqual({ ok: true, id: '11010519491231002X', birthDate: '1949-12-31', divisionCode: '110105' });
    expect(checkResidentId('11010519491231002x').ok).toBe(true);
  });

  it('refuses bad format, impossible or future birth dates, and a wrong check character', () => {
    expect(checkResidentId('1101051949123100')).toMatchObject({ ok: false, problem: 'format' });
    expect(checkResidentId(buildResidentId('410411', '1990-02-30', '001'))).toMatchObject({ ok: false, problem: 'birth_date' });
    expect(checkResidentId(buildResidentId('410411', '2999-01-01', '001'))).toMatchObject({ ok: false, problem: 'birth_date' });
    expect(checkResidentId('110105194912310021')).toMatchObject({ ok: false, problem: 'check_character', message: expect.stringContaining('应为X') });
  });

  it('masks all but the first six and last four characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });
});
