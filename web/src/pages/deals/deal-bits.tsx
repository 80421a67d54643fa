/** Small pieces the deal pages share: the stage tag. */
import { Tag } from 'antd';
import { DEAL_STAGES, type DealStage } from '../../../../common/deal-vocabulary.js';
import { useI18n } from '../../i18n.js';

const STAGE_COLORS: Record<DealStage, string> = { contacting: 'processing', negotiating: 'warning', signed: 'success', terminated: 'default' };

export function StageTag({ stage }: { stage: DealStage }) {
  const { vocab } = useI18n();
  return <Tag color={STAGE_COLORS[stage]} data-testid="deal-stage" data-stage={stage}>{vocab(DEAL_STAGES, stage)}</Tag>;
}
