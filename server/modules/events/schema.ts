/** Zod shapes of the events API (对接会, 路演): events, featured listings, registrations, attendance. */
import { z } from 'zod';
import { EVENT_KINDS } from '../../../common/deal-vocabulary.js';
import { LISTING_KINDS } from '../../../common/market-vocabulary.js';
import { isoDate, pageQuery } from '../../../common/registry-schema.js';

const id = z.string().min(1).max(64);

const eventFields = {
  title: z.string().trim().min(2, { message: '活动名称至少2个字' }).max(200, { message: '活动名称最多200个字' }),
  kind: z.enum(EVENT_KINDS.values),
  heldOn: isoDate,
  place: z.string().trim().min(2, { message: '活动地点至少2个字' }).max(200, { message: '活动地点最多200个字' }),
  organizerOrganizationId: id,
  /** Defaults to the organizer organization's name. */
  organizerName: z.string().trim().min(2, { message: '主办单位名称至少2个字' }).max(200),
  description: z.string().trim().max(5000, { message: '活动介绍最多5000个字' }),
  listings: z.array(z.strictObject({ kind: z.enum(LISTING_KINDS.values), id })).max(100, { message: '展示的成果与需求最多100条' }),
};

export const eventInput = z.strictObject({
  ...eventFields,
  organizerOrganizationId: eventFields.organizerOrganizationId.optional(),
  organizerName: eventFields.organizerName.optional(),
  description: eventFields.description.default(''),
  listings: eventFields.listings.default([]),
});
export type EventInput = z.infer<typeof eventInput>;

export const eventPatch = z.strictObject({
  version: z.number().int().min(1),
  title: eventFields.title.optional(),
  kind: eventFields.kind.optional(),
  heldOn: eventFields.heldOn.optional(),
  place: eventFields.place.optional(),
  organizerOrganizationId: eventFields.organizerOrganizationId.nullish(),
  organizerName: eventFields.organizerName.optional(),
  description: eventFields.description.optional(),
  listings: eventFields.listings.optional(),
});
export type EventPatch = z.infer<typeof eventPatch>;

export const eventQuery = pageQuery.extend({
  kind: z.enum(EVENT_KINDS.values).optional(),
  /** upcoming: held today or later; past: before today. */
  when: z.enum(['upcoming', 'past']).optional(),
});
export type EventQuery = z.infer<typeof eventQuery>;

/** Self-registration sends nothing or one of the account's organizations; the operator names who. */
export const registrationInput = z.strictObject({
  organizationId: id.optional(),
  personId: id.optional(),
  /** A participant outside the registry (operator only). */
  name: z.string().trim().min(2, { message: '报名名称至少2个字' }).max(100).optional(),
});
export type RegistrationInput = z.infer<typeof registrationInput>;

export const attendanceInput = z.strictObject({
  version: z.number().int().min(1),
  attended: z.boolean(),
});
export type AttendanceInput = z.infer<typeof attendanceInput>;
