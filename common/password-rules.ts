/**
 * The password rules, taking 等保 2.0 (GB/T 22239-2019) level 3 as the reference: at least 10
 * characters from three of the four classes (lower case, upper case, digits, symbols), and not
 * containing the username. Shared by the server (which also refuses the 10,000 commonest passwords,
 * server/modules/auth/password-policy.ts) and the web (which says what is missing as one types).
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MIN_CLASSES = 3;

export type PasswordProblem = 'too_short' | 'too_few_classes' | 'contains_username' | 'too_common';

export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  too_short: `密码至少 ${PASSWORD_MIN_LENGTH} 位`,
  too_few_classes: `密码须包含大写字母、小写字母、数字、符号中的至少 ${PASSWORD_MIN_CLASSES} 类`,
  contains_username: '密码不得包含用户名',
  too_common: '该密码过于常见，容易被猜中，请换一个',
};

/** How many of the four classes the password draws from. */
export function passwordClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
}

/** What is wrong with a password by the rules that need no list; empty when it passes them. */
export function passwordProblems(password: string, username?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (passwordClasses(password) < PASSWORD_MIN_CLASSES) problems.push('too_few_classes');
  const name = username?.trim().toLowerCase();
  if (name && name.length >= 3 && password.toLowerCase().includes(name)) problems.push('contains_username');
  return problems;
}
