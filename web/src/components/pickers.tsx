/**
 * Remote pickers: an organization, a person, a division code (all of China), and a division
 * of the user's jurisdiction (a tree, for list filters). Each shows `initialLabel` for a value
 * that is not among the current search results (e.g. the record being edited), and keeps the label
 * of the option picked: once the search box clears, the picked record may not be in the results.
 */
import { useEffect, useMemo, useState } from 'react';
import { Input, Select, TreeSelect } from 'antd';
import {
  useDivisionSearch,
  useJurisdictionTree,
  useOrganizationOptions,
  usePersonOptions,
} from '../queries.js';
import type { JurisdictionNode } from '../types.js';

export function useDebounced<T>(value: T, ms = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

interface PickerProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  initialLabel?: string | null;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
}

type Option = { value: string; label: string };

function withInitial(options: Option[], value: string | undefined, initialLabel: string | null | undefined): Option[] {
  if (value && !options.some((option) => option.value === value)) {
    return [{ value, label: initialLabel || value }, ...options];
  }
  return options;
}

export function OrganizationSelect({ value, onChange, initialLabel, placeholder, style, id }: PickerProps) {
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Option | undefined>();
  const q = useDebounced(search);
  const { data, isFetching } = useOrganizationOptions(q);
  const options = useMemo(
    () =>
      withInitial(
        (data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.uscc}）` })),
        value,
        picked && picked.value === value ? picked.label : initialLabel,
      ),
    [data, value, initialLabel, picked],
  );
  return (
    <Select
      id={id}
      value={value}
      onChange={(next, option) => {
        setPicked(option as Option | undefined);
        onChange?.(next ?? undefined);
      }}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={isFetching}
      allowClear
      placeholder={placeholder}
      style={style}
    />
  );
}

export function PersonSelect({ value, onChange, initialLabel, placeholder, style, id }: PickerProps) {
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Option | undefined>();
  const q = useDebounced(search);
  const { data, isFetching } = usePersonOptions(q);
  const options = useMemo(
    () =>
      withInitial(
        (data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.idNumberMasked}）` })),
        value,
        picked && picked.value === value ? picked.label : initialLabel,
      ),
    [data, value, initialLabel, picked],
  );
  return (
    <Select
      id={id}
      value={value}
      onChange={(next, option) => {
        setPicked(option as Option | undefined);
        onChange?.(next ?? undefined);
      }}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={isFetching}
      allowClear
      placeholder={placeholder}
      style={style}
    />
  );
}

/** A 6-digit division code, searched by name or code over all of China. */
export function DivisionSelect({ value, onChange, initialLabel, placeholder, style, id }: PickerProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const { data, isFetching } = useDivisionSearch(q);
  const options = useMemo(
    () =>
      withInitial(
        (data ?? []).map((d) => ({ value: d.code, label: `${d.fullName ?? d.name}（${d.code}）` })),
        value,
        initialLabel ? `${initialLabel}（${value}）` : value,
      ),
    [data, value, initialLabel],
  );
  return (
    <Select
      id={id}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={isFetching}
      allowClear
      placeholder={placeholder}
      style={style}
    />
  );
}

interface TreeOption {
  value: string;
  title: string;
  children?: TreeOption[];
}

function toTree(node: JurisdictionNode): TreeOption {
  return {
    value: node.code,
    title: `${node.name}（${node.code}）`,
    children: node.children?.length ? node.children.map(toTree) : undefined,
  };
}

/** A division of the user's jurisdiction (from /api/jurisdictions/tree), for list filters. */
export function JurisdictionSelect({ value, onChange, placeholder, style, id }: PickerProps) {
  const { data, isError } = useJurisdictionTree();
  const treeData = useMemo(() => (data ? [toTree(data)] : []), [data]);
  if (isError) {
    // Without the tree, a division code typed by hand still filters.
    return (
      <Input
        id={id}
        value={value}
        onChange={(event) => onChange?.(event.target.value.trim() || undefined)}
        placeholder={placeholder}
        style={style}
        allowClear
      />
    );
  }
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(next: string | undefined) => onChange?.(next ?? undefined)}
      treeData={treeData}
      treeDefaultExpandAll={false}
      treeDefaultExpandedKeys={data ? [data.code] : []}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      placeholder={placeholder}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}
