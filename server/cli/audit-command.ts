/**
 * `techtransfer audit verify [--checkpoint FILE] [--public-key FILE]`, `audit checkpoint FILE` and
 * `audit keygen FILE`: the hash chain checked on its own and against a signed checkpoint kept outside
 * the database. Exit codes as the rest of the CLI: 0 intact, 2 broken chain or bad input, 1 failure.
 */
import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import type { DbHandle } from '../db/create-db.js';
import { verifyAuditChain } from '../modules/audit/verify-chain.js';
import {
  SIGNING_KEY_FILE_ENV,
  VERIFY_KEY_FILE_ENV,
  createCheckpoint,
  loadSigningKey,
  loadVerifyKey,
  readCheckpointFile,
  verifyAgainstCheckpoint,
  writeCheckpointFile,
  writeSigningKeyPair,
} from '../modules/audit/checkpoint.js';

type WithContext = <T>(work: (ctx: Ctx, handle: DbHandle) => Promise<T>) => Promise<T>;
type Run = (action: (...args: any[]) => Promise<number | void>) => (...args: unknown[]) => Promise<void>;

export function registerAuditCommands(program: Command, withContext: WithContext, run: Run): void {
  const auditCmd = program.command('audit').description('审计日志');

  auditCmd
    .command('verify')
    .description('校验审计哈希链；给出 --checkpoint 时还核验签名检查点，发现检查点之前的截断或改写')
    .option('--checkpoint <file>', 'audit checkpoint 写出的检查点文件')
    .option('--public-key <file>', `核验检查点的公钥（默认取环境变量 ${VERIFY_KEY_FILE_ENV}，否则由签名私钥推出）`)
    .action(run(async (opts: { checkpoint?: string; publicKey?: string }) => {
      if (opts.checkpoint) {
        // The file and key are checked before the database is opened: a typo costs nothing.
        const checkpoint = readCheckpointFile(opts.checkpoint);
        const publicKey = loadVerifyKey(process.env, opts.publicKey);
        const report = await withContext((ctx) => verifyAgainstCheckpoint(ctx.db, checkpoint, publicKey));
        if (report.ok) {
          console.log(`审计链完好：${report.events} 条事件；与检查点（${checkpoint.createdAt}，第 ${checkpoint.seq} 条）一致，签名有效`);
          return 0;
        }
        console.error(`审计链被破坏：${report.problem!.message}（已校验 ${report.events} 条）`);
        return 2;
      }
      const report = await withContext((ctx) => verifyAuditChain(ctx.db));
      if (report.ok) {
        console.log(`审计链完好：${report.events} 条事件`);
        // The chain alone cannot show a cut tail with a rewritten head: say what would.
        console.log('（未核验检查点：删除链尾并改写链头的篡改，只有用 --checkpoint 对照数据库以外保存的签名检查点才能发现）');
        return 0;
      }
      console.error(`审计链被破坏：${report.problem!.message}（已校验 ${report.events} 条）`);
      return 2;
    }));

  auditCmd
    .command('checkpoint <file>')
    .description(`校验审计链后写出签名检查点（链头序号、哈希、时间），用 ${SIGNING_KEY_FILE_ENV} 指定的私钥签名；请把文件存放在数据库以外`)
    .action(run(async (file: string) => {
      const signingKey = loadSigningKey(process.env, (line) => console.error(line));
      const created = await withContext((ctx) => createCheckpoint(ctx.db, signingKey, ctx.clock.now()));
      if (!created.ok) {
        console.error(`审计链已被破坏，不生成检查点：${created.chain.problem!.message}`);
        return 2;
      }
      const { checkpoint } = created;
      writeCheckpointFile(file, checkpoint);
      console.log(`已写出检查点 ${file}：第 ${checkpoint.seq} 条事件，哈希 ${checkpoint.hash.slice(0, 16)}…，密钥编号 ${checkpoint.keyId}`);
    }));

  auditCmd
    .command('keygen <file>')
    .description('生成审计检查点签名密钥对（Ed25519）：私钥写入 FILE（仅属主可读，0600），公钥写入 FILE.pub；不覆盖已有文件')
    .action(run(async (file: string) => {
      const written = writeSigningKeyPair(file);
      console.log(`已生成密钥对（编号 ${written.keyId}）：私钥 ${written.privateFile}（0600，请勿放在数据库服务器上），公钥 ${written.publicFile}`);
      console.log(`签发检查点时设置 ${SIGNING_KEY_FILE_ENV}=${written.privateFile}；核验时用 --public-key ${written.publicFile}`);
    }));
}
