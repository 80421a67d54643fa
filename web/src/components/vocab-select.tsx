import { Select, type SelectProps } from 'antd';
import { useI18n } from '../i18n.js';

interface Vocabulary {
  values: readonly string[];
  label: (code: string) => string;
}

/** A Select over one closed vocabulary of common/vocabulary.ts. */
export function VocabSelect({ vocabulary, ...props }: { vocabulary: Vocabulary } & Omit<SelectProps<string | string[]>, 'options'>) {
  const { vocab } = useI18n();
  const options = vocabulary.values.map((code) => ({ value: code, label: vocab(vocabulary, code) }));
  return <Select allowClear showSearch={{ optionFilterProp: 'label' }} {...props} options={options} />;
}
