/**
 * 培训课程 (/trainings): the courses on the topics of (六); a course's page with enrolment (the
 * operator for anyone, an institution for its own people), attendance hours per session or for the
 * course, certificates for those who attended enough hours, and each certificate's PDF.
 */
import { useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Space, Table, Tag, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { TRAINING_TOPICS } from '../../../../common/talent-vocabulary.js';
import { errorText } from '../../api.js';
import { useUser } from '../../auth.js';
import { DemoTag } from '../../components/demo-tag.js';
import { FormModal } from '../../components/form-modal.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { PersonSelect } from '../../components/pickers.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { dateItem, EMPTY } from '../../format.js';
import { can } from '../../permissions.js';
import { NotFoundPage } from '../errors.js';
import { type Course, type CourseDetail, type Enrolment, downloads, useCourse, useCourses, useCreateCourse, useEnrol, useIssueCertificates, useMarkHours, useTalentText } from './model.js';

function NewCourseButton() {
  const { t } = useTalentText();
  const create = useCreateCourse();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="course-new">{t('newCourse')}</Button>
      <FormModal open={open} title={t('newCourse')} onClose={() => setOpen(false)} onSubmit={(values) => create.mutateAsync(values)} initialValues={{ topic: 'brokerage', capacity: 50 }}>
        {() => (
          <>
            <Form.Item name="title" label={t('title')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
            <Form.Item name="topic" label={t('topic')} rules={[{ required: true }]}><VocabSelect vocabulary={TRAINING_TOPICS} /></Form.Item>
            <Form.Item name="organizerName" label={t('organizer')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
            <Space>
              <Form.Item name="startsOn" label={t('startsOn')} rules={[{ required: true }]} {...dateItem}><DatePicker /></Form.Item>
              <Form.Item name="endsOn" label={t('endsOn')} rules={[{ required: true }]} {...dateItem}><DatePicker /></Form.Item>
            </Space>
            <Space>
              <Form.Item name="hours" label={t('hours')} rules={[{ required: true }]}><InputNumber min={0.5} step={0.5} /></Form.Item>
              <Form.Item name="requiredHours" label={t('requiredHours')}><InputNumber min={0} step={0.5} /></Form.Item>
              <Form.Item name="capacity" label={t('capacity')} rules={[{ required: true }]}><InputNumber min={1} step={1} /></Form.Item>
            </Space>
            <Form.Item name="place" label={t('place')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
          </>
        )}
      </FormModal>
    </>
  );
}

function CourseList() {
  const { t, vocab } = useTalentText();
  const user = useUser();
  const [topic, setTopic] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const query = useCourses({ topic, page, pageSize: 20 });
  const columns: ColumnsType<Course> = [
    { title: t('title'), render: (_: unknown, row) => <Space><Link to={`/trainings/${row.id}`} data-testid="course-link">{row.title}</Link><DemoTag isDemo={row.isDemo} /></Space> },
    { title: t('topic'), width: 140, render: (_: unknown, row) => <Tag>{vocab(TRAINING_TOPICS, row.topic)}</Tag> },
    { title: t('startsOn'), width: 200, render: (_: unknown, row) => (row.startsOn === row.endsOn ? row.startsOn : `${row.startsOn} ~ ${row.endsOn}`) },
    { title: t('hours'), dataIndex: 'hours', width: 70 },
    { title: t('organizer'), dataIndex: 'organizerName', width: 180 },
    { title: `${t('enrolled')} / ${t('capacity')}`, width: 110, render: (_: unknown, row) => `${row.enrolled} / ${row.capacity}` },
    { title: t('attendedN'), dataIndex: 'attended', width: 70 },
    { title: t('certified'), dataIndex: 'certified', width: 70 },
  ];
  return (
    <>
      <PageHeader title={t('courses')} extra={can(user, 'talent.course.write') && <NewCourseButton />} />
      <Card>
        <VocabSelect vocabulary={TRAINING_TOPICS} placeholder={t('topic')} value={topic} onChange={(v) => { setTopic(v as string | undefined); setPage(1); }} style={{ width: 200, marginBottom: 12 }} />
        <Table<Course>
          rowKey="id"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          columns={columns}
          scroll={{ x: 1100 }}
          pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          data-testid="courses-table"
        />
      </Card>
    </>
  );
}

function EnrolControls({ course }: { course: CourseDetail }) {
  const { t } = useTalentText();
  const user = useUser();
  const enrol = useEnrol();
  const [person, setPerson] = useState<string | undefined>();
  if (!can(user, 'talent.enrolment.create')) return null;
  return (
    <Space>
      <PersonSelect value={person} onChange={setPerson} placeholder={t('enrolHint')} style={{ width: 280 }} />
      <Button
        type="primary"
        disabled={!person}
        loading={enrol.isPending}
        data-testid="course-enrol"
        onClick={async () => {
          try {
            await enrol.mutateAsync({ id: course.id, personId: person! });
            setPerson(undefined);
          } catch (e) {
            message.error(errorText(e));
          }
        }}
      >
        {t('enrol')}
      </Button>
    </Space>
  );
}

function HoursCell({ course, row }: { course: CourseDetail; row: Enrolment }) {
  const { t } = useTalentText();
  const mark = useMarkHours();
  const [hours, setHours] = useState<number | null>(null);
  if (row.certificateNumber) return <>{row.hours}</>;
  return (
    <Space>
      <span>{row.hours}</span>
      <InputNumber size="small" min={0.5} step={0.5} value={hours} onChange={(v) => setHours(v)} placeholder={t('sessionHours')} style={{ width: 100 }} />
      <Button
        size="small"
        disabled={!hours}
        loading={mark.isPending}
        data-testid={`attendance-${row.id}`}
        onClick={async () => {
          try {
            await mark.mutateAsync({ id: course.id, enrolmentId: row.id, version: row.version, sessionHours: hours! });
            setHours(null);
          } catch (e) {
            message.error(errorText(e));
          }
        }}
      >
        {t('addSession')}
      </Button>
    </Space>
  );
}

function CoursePage() {
  const { id } = useParams();
  const query = useCourse(id);
  const { t, vocab } = useTalentText();
  const user = useUser();
  const issue = useIssueCertificates();
  const canMark = can(user, 'talent.attendance.mark');
  return (
    <QueryGate query={query}>
      {(course) => {
        const columns: ColumnsType<Enrolment> = [
          { title: t('person'), render: (_: unknown, r) => (r.organizationName ? `${r.personName}（${r.organizationName}）` : r.personName) },
          { title: t('enrolledBy'), dataIndex: 'enrolledByName', width: 140 },
          { title: t('attendance'), width: 300, render: (_: unknown, r) => (canMark ? <HoursCell course={course} row={r} /> : r.hours) },
          { title: t('completed'), width: 110, render: (_: unknown, r) => (r.completed ? <Tag color="success">{t('completed')}</Tag> : EMPTY) },
          {
            title: t('certificate'),
            width: 260,
            render: (_: unknown, r) => (r.certificateNumber ? <Space><span>{r.certificateNumber}</span><a href={downloads.certificate(r.id)} data-testid="certificate-download">{t('download')}</a></Space> : EMPTY),
          },
        ];
        return (
          <>
            <PageHeader
              title={course.title}
              back="/trainings"
              tags={<><Tag>{vocab(TRAINING_TOPICS, course.topic)}</Tag><DemoTag isDemo={course.isDemo} /></>}
              extra={can(user, 'talent.certificate.issue') && (
                <Button
                  loading={issue.isPending}
                  data-testid="course-issue"
                  onClick={async () => {
                    try {
                      const res = await issue.mutateAsync({ id: course.id });
                      message.success(t('issued', { n: res.issued }));
                    } catch (e) {
                      message.error(errorText(e));
                    }
                  }}
                >
                  {t('issue')}
                </Button>
              )}
            />
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Card size="small">
                <Descriptions size="small" column={3}>
                  <Descriptions.Item label={t('startsOn')}>{course.startsOn}</Descriptions.Item>
                  <Descriptions.Item label={t('endsOn')}>{course.endsOn}</Descriptions.Item>
                  <Descriptions.Item label={t('place')}>{course.place}</Descriptions.Item>
                  <Descriptions.Item label={t('organizer')}>{course.organizerName}</Descriptions.Item>
                  <Descriptions.Item label={t('hours')}>{course.hours}</Descriptions.Item>
                  <Descriptions.Item label={t('requiredHours')}>{course.requiredHours}</Descriptions.Item>
                  <Descriptions.Item label={t('capacity')}>{course.capacity}</Descriptions.Item>
                  <Descriptions.Item label={t('enrolled')}>{course.enrolled}</Descriptions.Item>
                  <Descriptions.Item label={t('certified')}>{course.certified}</Descriptions.Item>
                </Descriptions>
              </Card>
              <Card size="small" title={`${t('enrolled')}（${course.enrolled}）`} extra={<EnrolControls course={course} />}>
                <Table<Enrolment> rowKey="id" size="small" pagination={false} dataSource={course.enrolments} columns={columns} locale={{ emptyText: t('none') }} data-testid="course-enrolments" />
              </Card>
            </Space>
          </>
        );
      }}
    </QueryGate>
  );
}

export default function CourseRoutes() {
  return (
    <Routes>
      <Route index element={<CourseList />} />
      <Route path=":id" element={<CoursePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
