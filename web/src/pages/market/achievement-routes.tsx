/** 我的成果 (/my-achievements). */
import { Workbench } from './workbench.js';

export default function AchievementRoutes() {
  return <Workbench kind="achievement" />;
}
