/** Presents deal rows as the API's deals (common/deal-api.ts): with the names, titles and contract status they link. */
import type { Deal, DealNote, DealStep } from '../../../common/deal-api.js';
import type { DealStage, EventKind, TerminationReason } from '../../../common/deal-vocabulary.js';
import type { TransferMode } from '../../../common/market-vocabulary.js';
import type { Executor } from '../../context.js';
import { type DealNoteRow, type DealRow, type DealStepRow, linkedRecords } from './repo.js';
import { nextStages } from './workflow.js';

export async function presentDeals(db: Executor, rows: DealRow[]): Promise<Deal[]> {
  const linked = await linkedRecords(db, rows);
  const org = (id: string | null) => {
    const o = id ? linked.organizations.get(id) : undefined;
    return o ? { id: o.id, name: o.name } : id ? { id, name: '' } : null;
  };
  return rows.map((r) => {
    const demand = r.demand_id ? linked.demands.get(r.demand_id) : undefined;
    const achievement = r.achievement_id ? linked.achievements.get(r.achievement_id) : undefined;
    const event = r.event_id ? linked.events.get(r.event_id) : undefined;
    const contract = r.contract_id ? linked.contracts.get(r.contract_id) : undefined;
    const stage = r.stage as DealStage;
    return {
      id: r.id,
      jurisdictionCode: r.jurisdiction_code,
      title: r.title,
      stage,
      nextStages: nextStages(stage),
      demand: demand ? { id: demand.id, title: demand.title, status: demand.status } : null,
      achievement: achievement
        ? { id: achievement.id, title: achievement.title, status: achievement.status, transferModes: JSON.parse(achievement.transfer_modes) as TransferMode[] }
        : null,
      buyer: org(r.buyer_organization_id),
      seller: org(r.seller_organization_id),
      broker: {
        personId: r.broker_person_id,
        personName: r.broker_person_id ? (linked.people.get(r.broker_person_id)?.name ?? null) : null,
        userId: r.broker_user_id,
        userName: r.broker_user_id ? (linked.users.get(r.broker_user_id)?.display_name ?? null) : null,
        organizationId: r.broker_organization_id,
        organizationName: r.broker_organization_id ? (linked.organizations.get(r.broker_organization_id)?.name ?? null) : null,
      },
      event: event ? { id: event.id, title: event.title, kind: event.kind as EventKind, heldOn: event.held_on } : null,
      inquiryId: r.inquiry_id,
      technicalField: r.technical_field,
      terminationReason: r.termination_reason as TerminationReason | null,
      terminationNote: r.termination_note,
      agreedAmountFen: r.agreed_amount_fen === null ? null : Number(r.agreed_amount_fen),
      signedOn: r.signed_on,
      contract: contract
        ? {
            id: contract.id,
            name: contract.name,
            status: contract.status,
            registrationNumber: contract.registration_number,
            registeredOn: contract.registered_on,
            amountFen: Number(contract.amount_fen),
            techAmountFen: Number(contract.tech_amount_fen),
            signedOn: contract.signed_on,
          }
        : null,
      isDemo: r.is_demo === 1,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

export function presentSteps(rows: DealStepRow[]): DealStep[] {
  return rows.map((s) => ({
    seq: s.seq, from: s.from_stage as DealStage | null, to: s.to_stage as DealStage, at: s.at, onDate: s.on_date, actorName: s.actor_name, reason: s.reason, note: s.note,
  }));
}

export function presentNotes(rows: DealNoteRow[]): DealNote[] {
  return rows.map((n) => ({ id: n.id, text: n.text, nextStep: n.next_step, dueOn: n.due_on, authorName: n.author_name, createdAt: n.created_at }));
}

/** The audited view of a deal: its business fields. */
export function auditView(r: DealRow) {
  return {
    title: r.title, demandId: r.demand_id, achievementId: r.achievement_id, buyerOrganizationId: r.buyer_organization_id,
    sellerOrganizationId: r.seller_organization_id, brokerPersonId: r.broker_person_id, brokerUserId: r.broker_user_id,
    brokerOrganizationId: r.broker_organization_id, eventId: r.event_id, inquiryId: r.inquiry_id, stage: r.stage,
  };
}
