/** Event routes (对接会, 路演): thin — validate, call the use case, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { createEvent } from './create-event.js';
import { getEvent } from './get-event.js';
import { listEvents } from './list-events.js';
import { markAttendance } from './mark-attendance.js';
import { registerForEvent } from './register-for-event.js';
import { attendanceInput, eventInput, eventPatch, eventQuery, registrationInput } from './schema.js';
import { updateEvent } from './update-event.js';

const idParams = z.object({ id: z.string().min(1).max(64) });
const TAGS = ['events'];

export function eventRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);

  r.get('/api/events', { schema: { tags: TAGS, summary: '对接活动（对接会、路演）列表', querystring: eventQuery } }, async (req) => listEvents(ctx(req), req.query));
  r.post('/api/events', { schema: { tags: TAGS, summary: '新建对接活动（运营人员）', body: eventInput } }, async (req, reply) => {
    reply.code(201);
    return createEvent(ctx(req), req.body);
  });
  r.get('/api/events/:id', { schema: { tags: TAGS, summary: '对接活动详情：展示的成果与需求、报名、来自该活动的对接项目', params: idParams } }, async (req) =>
    getEvent(ctx(req), req.params.id),
  );
  r.patch('/api/events/:id', { schema: { tags: TAGS, summary: '修改对接活动（带版本号）', params: idParams, body: eventPatch } }, async (req) =>
    updateEvent(ctx(req), req.params.id, req.body),
  );
  r.post('/api/events/:id/registrations', { schema: { tags: TAGS, summary: '报名：本人（可代本单位）；运营人员可为机构或人员报名', params: idParams, body: registrationInput } }, async (req, reply) => {
    reply.code(201);
    return registerForEvent(ctx(req), req.params.id, req.body);
  });
  r.post('/api/events/:id/registrations/:registrationId/attendance', {
    schema: { tags: TAGS, summary: '签到：标记是否出席（运营人员；带版本号）', params: idParams.extend({ registrationId: z.string().min(1).max(64) }), body: attendanceInput },
  }, async (req) => markAttendance(ctx(req), req.params.id, req.params.registrationId, req.body));
}
