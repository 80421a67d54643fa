/** 对接项目 (/deals): the list and a deal's page. */
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../errors.js';
import { DealDetailPage } from './deal-detail.js';
import { DealList } from './deal-list.js';

export default function DealRoutes() {
  return (
    <Routes>
      <Route index element={<DealList />} />
      <Route path=":id" element={<DealDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
