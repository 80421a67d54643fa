/**
 * 门户 (server/modules/portal): the kinds of content the bureau publishes on the public portal and
 * their states, codes ⇄ Chinese like common/vocabulary.ts.
 */
import { labels } from './vocabulary.js';

export const POST_KINDS = labels({
  news: '新闻动态',
  policy: '政策文件',
  interpretation: '政策解读',
  guide: '办事指南',
});
export type PostKind = (typeof POST_KINDS.values)[number];

export const POST_STATUSES = labels({
  draft: '草稿',
  published: '已发布',
  withdrawn: '已撤下',
});
export type PostStatus = (typeof POST_STATUSES.values)[number];
