/** What the talent API answers: camelCase records with labels; hours as numbers (tenths stored). */
import { PERSON_ROLES, BROKER_LEVELS, EMPLOYMENT } from '../../../common/vocabulary.js';
import { TRAINING_TOPICS } from '../../../common/talent-vocabulary.js';
import type { CourseRow, EnrolmentRow, PractitionerRow } from './repo.js';

export const hoursOf = (x10: number): number => x10 / 10;
export const x10 = (hours: number): number => Math.round(hours * 10);

export function presentPractitioner(r: PractitionerRow, names: { person?: string; organization?: string | null } = {}) {
  return {
    id: r.id,
    personId: r.person_id,
    personName: names.person ?? null,
    role: r.role,
    roleLabel: PERSON_ROLES.label(r.role),
    organizationId: r.organization_id,
    organizationName: names.organization ?? null,
    level: r.level,
    levelLabel: r.level ? BROKER_LEVELS.label(r.level) : null,
    employment: r.employment,
    employmentLabel: EMPLOYMENT.label(r.employment),
    certificateNumber: r.certificate_number,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    isDemo: r.is_demo === 1,
    version: r.version,
  };
}
export type Practitioner = ReturnType<typeof presentPractitioner>;

export function presentCourse(r: CourseRow, counts: { enrolled: number; attended: number; certified: number }) {
  return {
    id: r.id,
    title: r.title,
    topic: r.topic,
    topicLabel: TRAINING_TOPICS.label(r.topic),
    organizerName: r.organizer_name,
    organizerOrganizationId: r.organizer_organization_id,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    hours: hoursOf(r.hours_x10),
    requiredHours: hoursOf(r.required_hours_x10),
    place: r.place,
    capacity: r.capacity,
    ...counts,
    isDemo: r.is_demo === 1,
    version: r.version,
  };
}
export type Course = ReturnType<typeof presentCourse>;

export function presentEnrolment(r: EnrolmentRow & { person_name: string; organization_name: string | null }, course: CourseRow) {
  return {
    id: r.id,
    courseId: r.course_id,
    personId: r.person_id,
    personName: r.person_name,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    enrolledByName: r.enrolled_by_name,
    hours: hoursOf(r.hours_x10),
    completed: r.hours_x10 >= course.required_hours_x10,
    certificateNumber: r.certificate_number,
    certificateIssuedOn: r.certificate_issued_on,
    isDemo: r.is_demo === 1,
    version: r.version,
  };
}
export type Enrolment = ReturnType<typeof presentEnrolment>;
