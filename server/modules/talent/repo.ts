/** SQL of the talent tables; the use cases of this module call these. */
import type { Selectable } from 'kysely';
import type { Executor } from '../../context.js';
import type { ContractResearcherTable, PractitionerTable, TrainingCourseTable, TrainingEnrolmentTable } from '../../db/schema.js';

export type PractitionerRow = Selectable<PractitionerTable>;
export type CourseRow = Selectable<TrainingCourseTable>;
export type EnrolmentRow = Selectable<TrainingEnrolmentTable>;
export type ResearcherRow = Selectable<ContractResearcherTable>;

export const findPractitioner = (db: Executor, id: string) => db.selectFrom('practitioner').selectAll().where('id', '=', id).executeTakeFirst();
export const findCourse = (db: Executor, id: string) => db.selectFrom('training_course').selectAll().where('id', '=', id).executeTakeFirst();
export const findEnrolment = (db: Executor, id: string) => db.selectFrom('training_enrolment').selectAll().where('id', '=', id).executeTakeFirst();
export const enrolmentsOf = (db: Executor, courseId: string) =>
  db
    .selectFrom('training_enrolment as e')
    .innerJoin('person as p', 'p.id', 'e.person_id')
    .leftJoin('organization as o', 'o.id', 'e.organization_id')
    .selectAll('e')
    .select(['p.name as person_name', 'o.name as organization_name'])
    .where('e.course_id', '=', courseId)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();

/** Updates a row of `table` when its version is still `version`; false when someone else changed it first. */
export async function updateVersioned(
  db: Executor,
  table: 'practitioner' | 'training_course' | 'training_enrolment',
  id: string,
  version: number,
  set: Record<string, unknown>,
): Promise<boolean> {
  const res = await db
    .updateTable(table)
    .set({ ...set, version: version + 1 } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The practitioner periods of a person in a role that overlap [from, to] (to null: open). */
export function overlapping(db: Executor, personId: string, role: string, from: string, to: string | null, exceptId?: string) {
  let q = db
    .selectFrom('practitioner')
    .select(['id', 'valid_from', 'valid_to'])
    .where('person_id', '=', personId)
    .where('role', '=', role)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', from)]));
  if (to) q = q.where('valid_from', '<=', to);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.execute();
}

export function personIn(db: Executor, personId: string) {
  return db.selectFrom('person').select(['id', 'name', 'jurisdiction_code', 'is_demo']).where('id', '=', personId).executeTakeFirst();
}

export async function affiliationsOf(db: Executor, personId: string): Promise<string[]> {
  const rows = await db.selectFrom('affiliation').select('organization_id').where('person_id', '=', personId).execute();
  return rows.map((r) => r.organization_id);
}
