import { describe, expect, it } from 'vitest';
import { assertPasswordAcceptable, checkPassword, isCommonPassword } from './password-policy.js';

describe('password policy (等保 2.0 level 3 as the reference)', () => {
  it('accepts ten characters from three classes', () => {
    expect(checkPassword('Zhanhe@2026', 'operator')).toEqual([]);
    expect(checkPassword('kejiju湛河2026!', 'clerk')).toEqual([]);
  });

  it('names every rule a password breaks', () => {
    expect(checkPassword('Ab1!xyz', 'u')).toEqual(['too_short']);
    expect(checkPassword('abcdefghijk1', 'u')).toEqual(['too_few_classes']);
    expect(checkPassword('Wanglei@2026x', 'wanglei')).toEqual(['contains_username']);
    expect(checkPassword('zq', 'u')).toEqual(['too_short', 'too_few_classes']);
  });

  it('refuses the commonest passwords, also with capitals and digits or symbols appended', () => {
    expect(isCommonPassword('password')).toBe(true);
    expect(isCommonPassword('Password123!')).toBe(true);
    expect(isCommonPassword('1qaz2wsx')).toBe(true);
    expect(checkPassword('Qwertyuiop1!', 'u')).toEqual(['too_common']);
    expect(isCommonPassword('Zhanhe@2026')).toBe(false);
  });

  it('throws one Chinese message naming the field', () => {
    expect(() => assertPasswordAcceptable('abc', 'u', 'newPassword')).toThrow(/至少 10 位/);
    try {
      assertPasswordAcceptable('abc', 'u', 'newPassword');
    } catch (error) {
      expect(error).toMatchObject({ code: 'VALIDATION', options: { field: 'newPassword' } });
    }
  });
});
