/** Small pieces the contract pages share: the status tag, the yuan input, parties in words. */
import { useEffect, useState } from 'react';
import { Input, Tag, Typography } from 'antd';
import { CONTRACT_STATUSES, type ContractStatus } from '../../../../common/vocabulary.js';
import { fenToYuanText, formatFen, parseYuan } from '../../format.js';
import { useI18n } from '../../i18n.js';
import type { ContractParty } from '../../types.js';

const STATUS_COLORS: Record<ContractStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  materials_requested: 'warning',
  registered: 'success',
  rejected: 'error',
  amended: 'cyan',
  cancelled: 'default',
  revoked: 'magenta',
};

export function StatusTag({ status }: { status: ContractStatus }) {
  const { vocab } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="contract-status">
      {vocab(CONTRACT_STATUSES, status)}
    </Tag>
  );
}

/** Yuan, from integer fen, right-aligned in tables. */
export function Yuan({ fen, strong }: { fen: number | null | undefined; strong?: boolean }) {
  const text = formatFen(fen);
  return strong ? <Typography.Text strong>{text}</Typography.Text> : <>{text}</>;
}

/**
 * An amount typed in yuan and kept in the form as integer fen. What the user types stays as
 * typed; the form holds the fen it means, or the text itself when it is not an amount (the
 * `yuanRule` then refuses it). No floating point: "12.3" is 1230 fen by string arithmetic.
 */
export function YuanInput({
  value,
  onChange,
  id,
  placeholder,
  style,
  'data-testid': testId,
}: {
  value?: number | string;
  onChange?: (value: number | string | undefined) => void;
  id?: string;
  placeholder?: string;
  style?: React.CSSProperties;
  'data-testid'?: string;
}) {
  const [text, setText] = useState(() => (typeof value === 'number' ? fenToYuanText(value) : (value ?? '')));
  // A value set from outside (form reset, initial values) replaces the text unless it means the same.
  useEffect(() => {
    if (typeof value === 'number') {
      if (parseYuan(text) !== value) setText(fenToYuanText(value));
    } else if (value === undefined && text !== '' && parseYuan(text) !== null) {
      setText('');
    }
  }, [value]);
  return (
    <Input
      id={id}
      value={text}
      inputMode="decimal"
      placeholder={placeholder}
      suffix="元"
      style={style}
      data-testid={testId}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        if (next.trim() === '') onChange?.(undefined);
        else onChange?.(parseYuan(next) ?? next);
      }}
    />
  );
}

/** A form rule for YuanInput: an amount, or nothing. */
export function useYuanRule() {
  const { t } = useI18n();
  return {
    validator: async (_rule: unknown, value: unknown) => {
      if (value === undefined || value === null || typeof value === 'number') return;
      throw new Error(t('contract.yuanInvalid'));
    },
  };
}

/** "某某公司" or "王发明（自然人，4104**********0521）". */
export function partyLabel(p: ContractParty, personWord: string): string {
  if (p.organizationId) return p.name;
  return p.personIdMasked ? `${p.name}（${personWord}，${p.personIdMasked}）` : `${p.name}（${personWord}）`;
}
