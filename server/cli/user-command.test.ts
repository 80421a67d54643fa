/**
 * `techtransfer user …` as an install runs it: real processes against a temporary SQLite file and a
 * PostgreSQL test database. A database served with `serve` alone has no account; `user create
 * --password-stdin` opens the first admin, who then logs in to the running server; the other commands
 * disable, enable, reset, grant and revoke, with errors naming the argument, audited as the CLI.
 */
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../testing/databases.js';
import { TEST_KEY } from '../testing/context.js';

const BIN = path.resolve('bin/techtransfer.mjs');
const ADMIN_PASSWORD = 'Zhanhe#Install2026';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

for (const dialect of await testDialects()) {
  describe(`techtransfer user on ${dialect}`, () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let env: NodeJS.ProcessEnv;
    let server: ReturnType<typeof spawn> | undefined;
    let base = '';
    const cli = (args: string[], input?: string) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000, ...(input === undefined ? {} : { input }) });
    const login = (username: string, password: string) =>
      fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      env = { ...process.env, DATABASE_URL: db.url, TT_DATA_KEY: TEST_KEY.toString('hex'), TT_JURISDICTION: '410411', USER: 'installer' };
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      server = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], { env: { ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      await new Promise<void>((resolve, reject) => {
        server!.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('techtransfer：http')) resolve();
        });
        server!.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
        server!.once('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
      });
    }, 120_000);
    afterAll(async () => {
      if (server && server.exitCode === null) {
        const exited = new Promise((resolve) => server!.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      await db.drop();
    }, 240_000);

    it('serve alone seeds nothing: no account, every login refused, user list says how to open the first', async () => {
      expect(await db.db.selectFrom('app_user').select('id').execute()).toEqual([]);
      expect((await login('admin', 'Zhanhe@2026')).status).toBe(401);
      const list = cli(['user', 'list']);
      expect(list.status, list.stderr).toBe(0);
      expect(list.stdout).toContain('没有账号');
      expect(list.stdout).toContain('user create');
    }, 240_000);

    it('user create --password-stdin opens the first admin with its own password, who logs in to the running server', async () => {
      const r = cli(['user', 'create', '--username', 'zhanhe_admin', '--name', '张管理', '--role', 'admin', '--jurisdiction', '410411', '--password-stdin'], `${ADMIN_PASSWORD}\n`);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('已开通账号 zhanhe_admin（张管理）：系统管理员，辖区 河南省平顶山市湛河区');
      const row = await db.db.selectFrom('app_user').selectAll().where('username', '=', 'zhanhe_admin').executeTakeFirstOrThrow();
      expect(row.must_change_password).toBe(0);
      expect((await login('zhanhe_admin', ADMIN_PASSWORD)).status).toBe(200);
      const event = await db.db.selectFrom('audit_event').selectAll().where('action', '=', 'auth.user.create').executeTakeFirstOrThrow();
      expect(event.actor_name).toBe('cli:installer');
      expect(event.actor_id).toBeNull();
    }, 240_000);

    it('refuses bad arguments naming them, exit 2, and opens nothing', async () => {
      const before = (await db.db.selectFrom('app_user').select('id').execute()).length;
      const cases: [string[], string][] = [
        [['--username', '9x', '--role', 'admin', '--jurisdiction', '410411'], '--username'],
        [['--username', 'someone', '--role', 'wizard', '--jurisdiction', '410411'], '--role：不认识的角色“wizard”'],
        [['--username', 'someone', '--role', 'operator', '--jurisdiction', '4104'], '--jurisdiction'],
        [['--username', 'someone', '--role', 'department', '--jurisdiction', '410411', '--org', '91410411MA00000000'], '--org'],
        [['--username', 'someone', '--role', 'department', '--jurisdiction', '410411'], '--org'],
        [['--username', 'zhanhe_admin', '--role', 'operator', '--jurisdiction', '410411'], '--username'],
      ];
      for (const [args, expected] of cases) {
        const r = cli(['user', 'create', ...args]);
        expect(r.status, `${args.join(' ')}: ${r.stderr}`).not.toBe(0);
        expect(r.stderr).toContain(expected);
      }
      const weak = cli(['user', 'create', '--username', 'weakling', '--role', 'operator', '--jurisdiction', '410411', '--password-stdin'], 'password123');
      expect(weak.status).toBe(2);
      expect(weak.stderr).toContain('标准输入中的密码');
      expect((await db.db.selectFrom('app_user').select('id').execute()).length).toBe(before);
    }, 240_000);

    it('without --password-stdin prints a one-time password that logs in once issued; reset-password prints a new one', async () => {
      const r = cli(['user', 'create', '--username', 'kjj_operator', '--name', '王科员', '--role', 'operator', '--jurisdiction', '410411', '--mobile', '13803750002']);
      expect(r.status, r.stderr).toBe(0);
      const first = /一次性密码：(\S+)/.exec(r.stdout)![1]!;
      expect(r.stdout).toContain('只显示这一次');
      expect((await login('kjj_operator', first)).status).toBe(200);
      const reset = cli(['user', 'reset-password', 'kjj_operator']);
      expect(reset.status, reset.stderr).toBe(0);
      const second = /一次性密码：(\S+)/.exec(reset.stdout)![1]!;
      expect(second).not.toBe(first);
      expect((await login('kjj_operator', first)).status).toBe(401);
      expect((await login('kjj_operator', second)).status).toBe(200);
      const row = await db.db.selectFrom('app_user').selectAll().where('username', '=', 'kjj_operator').executeTakeFirstOrThrow();
      expect(row.must_change_password).toBe(1);
      expect(row.password_expires_at).not.toBeNull();
    }, 240_000);

    it('disable refuses the login and enable restores it; grant and revoke change roles; the last admin stays', async () => {
      const off = cli(['user', 'disable', 'kjj_operator']);
      expect(off.status, off.stderr).toBe(0);
      expect(off.stdout).toContain('已停用');
      const row = await db.db.selectFrom('app_user').selectAll().where('username', '=', 'kjj_operator').executeTakeFirstOrThrow();
      expect(row.disabled).toBe(1);
      const on = cli(['user', 'enable', 'kjj_operator']);
      expect(on.status, on.stderr).toBe(0);

      const grant = cli(['user', 'grant', 'kjj_operator', 'evaluator']);
      expect(grant.status, grant.stderr).toBe(0);
      expect(grant.stdout).toContain('科技局运营人员、第三方评估');
      const revoke = cli(['user', 'revoke', 'kjj_operator', 'evaluator']);
      expect(revoke.stdout).toContain('现有角色：科技局运营人员');

      const lastAdmin = cli(['user', 'disable', 'zhanhe_admin']);
      expect(lastAdmin.status).toBe(1);
      expect(lastAdmin.stderr).toContain('最后一个');
      cli(['user', 'grant', 'zhanhe_admin', 'operator']);
      const demote = cli(['user', 'revoke', 'zhanhe_admin', 'admin']);
      expect(demote.stderr).toContain('最后一个');
      expect((await db.db.selectFrom('app_user').select('roles').where('username', '=', 'zhanhe_admin').executeTakeFirstOrThrow()).roles).toContain('"admin"');
      const unknown = cli(['user', 'enable', 'nobody']);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain('用户名“nobody”不存在');
      const wrongRole = cli(['user', 'grant', 'kjj_operator', 'boss']);
      expect(wrongRole.status).toBe(2);
      expect(wrongRole.stderr).toContain('不认识的角色“boss”');
    }, 240_000);

    it('user list --json gives every account with its state in words', async () => {
      const r = cli(['user', 'list', '--json']);
      expect(r.status, r.stderr).toBe(0);
      const users = JSON.parse(r.stdout) as { username: string; status: string; roles: string[] }[];
      expect(users.map((u) => u.username).sort()).toEqual(['kjj_operator', 'zhanhe_admin']);
      expect(users.find((u) => u.username === 'kjj_operator')).toMatchObject({ status: 'must_change', roles: ['operator'] });
      const text = cli(['user', 'list']);
      expect(text.stdout).toContain('待修改初始密码');
      expect(text.stdout).toContain('共 2 个账号');
    }, 240_000);
  });
}
