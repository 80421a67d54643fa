/** The portal's routes: the public pages' data under /api/public/portal, the operator's editing under /api/portal. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { DEFAULT_PUBLIC_JURISDICTION } from '../indicators/public-statistics.js';
import { contentDisposition } from '../applications/routes.js';
import { createPost } from './create-post.js';
import { postsXlsx } from './export-posts.js';
import { getPost } from './get-post.js';
import { getPublicCall } from './get-public-call.js';
import { getPublicPost } from './get-public-post.js';
import { getSubsidyPolicy } from './get-subsidy-policy.js';
import { listAnnouncements, listPublicPosts } from './list-public-posts.js';
import { listPosts } from './list-posts.js';
import { readHome } from './read-home.js';
import { readPolicyLibrary } from './read-policy-library.js';
import { postInput, postPatch, postQuery, publicPostQuery } from './schema.js';
import { portalSite } from './site-config.js';
import { updatePost } from './update-post.js';

const TAGS = ['portal'];
const idParams = z.object({ id: z.string().min(1).max(64) });

export function portalRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);
  const db = () => services.handle.db;
  const J = DEFAULT_PUBLIC_JURISDICTION;
  const site = portalSite();

  r.get('/api/public/portal/site', { schema: { tags: TAGS, summary: '门户站点信息：名称、主办单位、联系方式、ICP 备案号、公安备案号（公开）' } }, async () => site);
  r.get('/api/public/portal/home', { schema: { tags: TAGS, summary: '门户首页：通知公告、政策文件、政策解读、办事指南（公开）' } }, async () => readHome(db(), J));
  r.get('/api/public/portal/announcements', { schema: { tags: TAGS, summary: '通知公告：申报通知、公示和新闻动态（公开）' } }, async () => listAnnouncements(db(), J));
  r.get('/api/public/portal/posts', { schema: { tags: TAGS, summary: '门户栏目列表：已发布的新闻、政策文件、政策解读、办事指南（公开）', querystring: publicPostQuery } }, async (req) =>
    listPublicPosts(db(), J, req.query),
  );
  r.get('/api/public/portal/posts/:id', { schema: { tags: TAGS, summary: '门户内容详情：正文（由 Markdown 渲染）、问答及关联的奖补条款、申报通知和公示（公开）', params: idParams } }, async (req) =>
    getPublicPost(db(), services.clock, J, req.params.id),
  );
  r.get('/api/public/portal/policies', { schema: { tags: TAGS, summary: '政策库：政策文件与内置奖补政策（公开）' } }, async () => readPolicyLibrary(db(), J));
  r.get('/api/public/portal/subsidy-policies/:id', { schema: { tags: TAGS, summary: '奖补政策：各条款、兑现标准（文字表述）和生效日期（公开）', params: idParams } }, async (req) =>
    getSubsidyPolicy(db(), services.clock, J, req.params.id),
  );
  r.get('/api/public/portal/calls/:id', { schema: { tags: TAGS, summary: '申报通知（公开）：申报时间、适用条款、联系方式', params: idParams } }, async (req) =>
    getPublicCall(db(), services.clock, J, req.params.id),
  );

  r.get('/api/portal/posts', { schema: { tags: TAGS, summary: '门户内容管理：本辖区的新闻、政策文件、政策解读、办事指南（含草稿）', querystring: postQuery } }, async (req) => listPosts(ctx(req), req.query));
  r.get('/api/portal/posts/export.xlsx', { schema: { tags: TAGS, summary: '导出门户内容（XLSX）', querystring: postQuery.pick({ kind: true, status: true, q: true }) } }, async (req, reply) => {
    const file = await postsXlsx(ctx(req), req.query);
    reply.header('content-disposition', contentDisposition(file.name, 'portal-posts.xlsx'));
    reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reply.send(file.content);
  });
  r.get('/api/portal/posts/:id', { schema: { tags: TAGS, summary: '门户内容（编辑用，含 Markdown 原文）', params: idParams } }, async (req) => getPost(ctx(req), req.params.id));
  r.post('/api/portal/posts', { schema: { tags: TAGS, summary: '撰写门户内容（草稿或直接发布）', body: postInput } }, async (req, reply) => {
    reply.code(201);
    return createPost(ctx(req), req.body);
  });
  r.patch('/api/portal/posts/:id', { schema: { tags: TAGS, summary: '修改、发布或撤下门户内容（带版本号）', params: idParams, body: postPatch } }, async (req) => updatePost(ctx(req), req.params.id, req.body));
}
