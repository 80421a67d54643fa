import type { CSSProperties } from 'react';
import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/** A day picker for a list filter whose URL value is a `YYYY-MM-DD` string (cleared: undefined). */
export function DateFilter({
  value,
  onChange,
  placeholder,
  style,
}: {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  placeholder: string;
  style?: CSSProperties;
}) {
  return (
    <DatePicker
      placeholder={placeholder}
      value={value ? dayjs(value) : null}
      onChange={(date) => onChange(date ? date.format('YYYY-MM-DD') : undefined)}
      style={style}
    />
  );
}
