/**
 * The backup passphrase: from TT_BACKUP_PASSPHRASE (scripts, scheduled backups), or asked on the
 * terminal without echo. Never a command-line argument: those show in `ps` and the shell history.
 */
import readline from 'node:readline';
import { AppError } from '../errors.js';

export const PASSPHRASE_ENV = 'TT_BACKUP_PASSPHRASE';

function ask(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
    let prompted = false;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (!prompted) {
        prompted = true;
        write(s);
      }
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

/** The passphrase, or an error saying how to give one when there is no terminal to ask on. */
export async function readPassphrase(options: { confirm: boolean }): Promise<string> {
  const fromEnv = process.env[PASSPHRASE_ENV];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new AppError('VALIDATION', `需要备份口令：请在终端中运行，或设置环境变量 ${PASSPHRASE_ENV}`, { field: 'passphrase' });
  const first = await ask('备份口令：');
  if (first.length < 12) throw new AppError('VALIDATION', '备份口令至少 12 个字符', { field: 'passphrase' });
  if (options.confirm && (await ask('再输入一次：')) !== first) throw new AppError('VALIDATION', '两次输入的备份口令不一致', { field: 'passphrase' });
  return first;
}
