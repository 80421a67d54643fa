/**
 * Who runs the portal, from configuration like the rest of the server (environment variables, read
 * once): the jurisdiction (TT_JURISDICTION) names it; TT_PORTAL_TITLE, TT_PORTAL_HOST_ORG,
 * TT_PORTAL_CONTACT, TT_ICP and TT_PSB_RECORD fill the header and footer of every public page.
 */
import type { PortalSite } from '../../../common/portal-api.js';
import { DEFAULT_PUBLIC_JURISDICTION } from '../indicators/public-statistics.js';
import { findDivision } from '../registry/divisions.js';

export function portalSite(env: NodeJS.ProcessEnv = process.env, jurisdictionCode = DEFAULT_PUBLIC_JURISDICTION): PortalSite {
  const division = findDivision(jurisdictionCode);
  const name = division?.name ?? '本辖区';
  return {
    title: env.TT_PORTAL_TITLE || `${name}技术转移公共服务平台`,
    jurisdictionName: division?.fullName ?? name,
    hostOrg: env.TT_PORTAL_HOST_ORG || `${name}科学技术局`,
    contact: env.TT_PORTAL_CONTACT || `${name}科学技术局（工作日 8:30—12:00，14:30—17:30）`,
    icp: env.TT_ICP || null,
    psbRecord: env.TT_PSB_RECORD || null,
  };
}
