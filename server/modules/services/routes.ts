/** Services and finance routes (服务与金融): thin — validate, call the use case, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { createNeed } from './create-need.js';
import { createProduct } from './create-product.js';
import { getNeed } from './get-need.js';
import { matchedNeedsForBank } from './list-matched-needs.js';
import { listNeeds } from './list-needs.js';
import { listProducts, listPublicProducts } from './list-products.js';
import { matchNeed } from './match-need.js';
import { respondToNeed } from './respond-to-need.js';
import { updateNeed } from './update-need.js';
import { updateProduct } from './update-product.js';
import { createIpRecord } from './create-ip-record.js';
import { getIpRecord } from './get-ip-record.js';
import { listIpRecords } from './list-ip-records.js';
import { updateIpRecord } from './update-ip-record.js';
import { createOffering } from './create-offering.js';
import { listOfferings } from './list-offerings.js';
import { getPublicAgency, listPublicOfferings } from './read-directory.js';
import { updateOffering } from './update-offering.js';
import { createServiceRequest } from './create-service-request.js';
import { getServiceRequest } from './get-service-request.js';
import { listServiceRequests } from './list-service-requests.js';
import { transitionServiceRequest } from './transition-service-request.js';
import {
  ipRecordInput, ipRecordPatch, ipRecordQuery, needInput, needPatch, needQuery, offerInput, offeringInput, offeringPatch, offeringQuery, productInput, productPatch,
  productQuery, requestInput, requestQuery, requestTransition,
} from './schema.js';

const idParams = z.object({ id: z.string().min(1).max(64) });
const SERVICES = ['services'];
const FINANCE = ['finance'];
const IP = ['ip'];

export function servicesRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);
  const created = <T>(reply: { code(n: number): unknown }, value: Promise<T>) => {
    reply.code(201);
    return value;
  };

  // The public directory (服务机构名录) and product list.
  r.get('/api/public/services/offerings', { schema: { tags: SERVICES, summary: '服务机构名录：提供中的服务项目（按类别、机构、关键词筛选）', querystring: offeringQuery } }, async (req) =>
    listPublicOfferings(services.handle.db, req.query),
  );
  r.get('/api/public/services/agencies/:id', { schema: { tags: SERVICES, summary: '服务机构及其服务项目（公开）', params: idParams } }, async (req) =>
    getPublicAgency(services.handle.db, req.params.id),
  );
  r.get('/api/public/finance/products', { schema: { tags: FINANCE, summary: '金融产品名录：在售的科技金融产品（公开）', querystring: productQuery } }, async (req) =>
    listPublicProducts(services.handle.db, req.query),
  );

  // 服务项目 and 服务请求 (七)
  r.get('/api/services/offerings', { schema: { tags: SERVICES, summary: '本机构的服务项目（运营人员：本辖区全部）', querystring: offeringQuery } }, async (req) => listOfferings(ctx(req), req.query));
  r.post('/api/services/offerings', { schema: { tags: SERVICES, summary: '发布服务项目', body: offeringInput } }, async (req, reply) => created(reply, createOffering(ctx(req), req.body)));
  r.patch('/api/services/offerings/:id', { schema: { tags: SERVICES, summary: '修改或下架服务项目（带版本号）', params: idParams, body: offeringPatch } }, async (req) =>
    updateOffering(ctx(req), req.params.id, req.body),
  );
  r.get('/api/services/requests', { schema: { tags: SERVICES, summary: '服务请求列表（企业：本单位提出的；服务机构：收到的）', querystring: requestQuery } }, async (req) =>
    listServiceRequests(ctx(req), req.query),
  );
  r.post('/api/services/requests', { schema: { tags: SERVICES, summary: '向服务机构（或服务项目）提出服务请求', body: requestInput } }, async (req, reply) =>
    created(reply, createServiceRequest(ctx(req), req.body)),
  );
  r.get('/api/services/requests/:id', { schema: { tags: SERVICES, summary: '服务请求详情（办理记录）', params: idParams } }, async (req) => getServiceRequest(ctx(req), req.params.id));
  r.post('/api/services/requests/:id/transitions', { schema: { tags: SERVICES, summary: '受理、办理、完成、拒绝（服务机构）或取消（企业）服务请求', params: idParams, body: requestTransition } }, async (req) =>
    transitionServiceRequest(ctx(req), req.params.id, req.body),
  );

  // 金融产品, 融资需求 and answers (十五)
  r.get('/api/finance/products', { schema: { tags: FINANCE, summary: '金融产品（银行：本机构的；其他：本辖区在售及下架的）', querystring: productQuery } }, async (req) => listProducts(ctx(req), req.query));
  r.post('/api/finance/products', { schema: { tags: FINANCE, summary: '发布金融产品（额度以分计，利率以基点计）', body: productInput } }, async (req, reply) => created(reply, createProduct(ctx(req), req.body)));
  r.patch('/api/finance/products/:id', { schema: { tags: FINANCE, summary: '修改或下架金融产品（带版本号）', params: idParams, body: productPatch } }, async (req) =>
    updateProduct(ctx(req), req.params.id, req.body),
  );
  r.get('/api/finance/needs', { schema: { tags: FINANCE, summary: '融资需求列表（企业：本单位的；运营人员：本辖区全部）', querystring: needQuery } }, async (req) => listNeeds(ctx(req), req.query));
  r.post('/api/finance/needs', { schema: { tags: FINANCE, summary: '发布融资需求', body: needInput } }, async (req, reply) => created(reply, createNeed(ctx(req), req.body)));
  r.get('/api/finance/needs/:id', { schema: { tags: FINANCE, summary: '融资需求详情（银行的答复）', params: idParams } }, async (req) => getNeed(ctx(req), req.params.id));
  r.patch('/api/finance/needs/:id', { schema: { tags: FINANCE, summary: '修改或关闭融资需求（带版本号）', params: idParams, body: needPatch } }, async (req) =>
    updateNeed(ctx(req), req.params.id, req.body),
  );
  r.get('/api/finance/needs/:id/matches', { schema: { tags: FINANCE, summary: '融资需求匹配的金融产品（排序，逐项说明理由）', params: idParams } }, async (req) =>
    matchNeed(ctx(req), req.params.id),
  );
  r.get('/api/finance/matched-needs', { schema: { tags: FINANCE, summary: '银行：本机构产品匹配的融资需求' } }, async (req) => matchedNeedsForBank(ctx(req)));
  r.post('/api/finance/needs/:id/offers', { schema: { tags: FINANCE, summary: '银行答复融资需求：提供授信方案或婉拒', params: idParams, body: offerInput } }, async (req, reply) =>
    created(reply, respondToNeed(ctx(req), req.params.id, req.body)),
  );

  // 知识产权运营 (十六)
  r.get('/api/ip/records', { schema: { tags: IP, summary: '知识产权许可与作价入股记录', querystring: ipRecordQuery } }, async (req) => listIpRecords(ctx(req), req.query));
  r.post('/api/ip/records', { schema: { tags: IP, summary: '登记知识产权许可或作价入股', body: ipRecordInput } }, async (req, reply) => created(reply, createIpRecord(ctx(req), req.body)));
  r.get('/api/ip/records/:id', { schema: { tags: IP, summary: '知识产权运营记录详情', params: idParams } }, async (req) => getIpRecord(ctx(req), req.params.id));
  r.patch('/api/ip/records/:id', { schema: { tags: IP, summary: '修改知识产权运营记录（带版本号）', params: idParams, body: ipRecordPatch } }, async (req) =>
    updateIpRecord(ctx(req), req.params.id, req.body),
  );
}
