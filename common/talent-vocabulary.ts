/**
 * Talent (人才, plan measures (六) and (十三)) — closed vocabularies shared by server and web: the
 * practitioner roles counted for T2, the topics of the training courses, and the roles a researcher
 * holds on a registered contract.
 */
import { labels } from './vocabulary.js';

/** The registry roles that make a technology-market practitioner (技术市场从业人员, T2). */
export const PRACTITIONER_ROLES = ['broker', 'transfer_staff'] as const;
export type PractitionerRole = (typeof PRACTITIONER_ROLES)[number];

/** Topics of (六): 技术转移公共政策及实务操作、技术市场法规、技术合同认定登记, and the service skills of (七). */
export const TRAINING_TOPICS = labels({
  brokerage: '技术经纪',
  intellectual_property: '知识产权',
  technology_evaluation: '技术评估',
  sci_tech_finance: '科技金融',
  transfer_policy: '成果转化政策',
  contract_registration: '技术合同认定登记',
  market_regulation: '技术市场法规',
  practice: '技术转移实务操作',
});
export type TrainingTopic = (typeof TRAINING_TOPICS.values)[number];

/** A researcher's role on a technology contract (职称评审 asks for it). */
export const RESEARCHER_ROLES = labels({
  project_leader: '项目负责人',
  principal: '主要完成人',
  participant: '参与人员',
});
export type ResearcherRole = (typeof RESEARCHER_ROLES.values)[number];
