/** 我的需求 (/my-demands). */
import { Workbench } from './workbench.js';

export default function DemandRoutes() {
  return <Workbench kind="demand" />;
}
