/**
 * Remote pickers: an organization, a person, a division code (all of China), and a division
 * of the user's jurisdiction (a tree, for list filters). Each shows `initialLabel` for a value
 * that is not among the current search results (e.g. the record being edited), and keeps the label
 * of the option picked: once the search box clears, the picked record may not be in the results.
 */
import { useEffect, useMemo, useState } from 'react';
import { Input, Select, TreeSelect } from 'antd';
import type { OrganizationKind } from '../../../common/vocabulary.js';
import { useUser } from '../auth.js';
import {
  useDivisionSearch,
  useJurisdictionTree,
  useOrganization,
  useContractPartyOptions,
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

/** The searched-on-the-server Select every remote picker renders: the picked option is handed back with its label. */
function SearchSelect(props: {
  id?: string;
  value?: string;
  options: Option[];
  loading: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  notFoundContent?: React.ReactNode;
  onSearch: (text: string) => void;
  onPick: (value: string | undefined, option: Option | undefined) => void;
}) {
  return (
    <Select
      id={props.id}
      value={props.value}
      onChange={(next, option) => props.onPick(next ?? undefined, option as Option | undefined)}
      options={props.options}
      showSearch={{ filterOption: false, onSearch: props.onSearch }}
      loading={props.loading}
      allowClear
      placeholder={props.placeholder}
      style={props.style}
      {...(props.notFoundContent ? { notFoundContent: props.notFoundContent } : {})}
    />
  );
}

/** Shown while the name of a picked record is still being fetched: never the record's id. */
const PICKED_PLACEHOLDER = '…';

function withInitial(options: Option[], value: string | undefined, initialLabel: string | null | undefined): Option[] {
  if (value && !options.some((option) => option.value === value)) {
    return [{ value, label: initialLabel || PICKED_PLACEHOLDER }, ...options];
  }
  return options;
}

/** An organization of the registry, searched by name or credit code; `kind` narrows it (registration offices). */
export function OrganizationSelect({ value, onChange, initialLabel, placeholder, style, id, kind }: PickerProps & { kind?: OrganizationKind }) {
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Option | undefined>();
  const q = useDebounced(search);
  const { data, isFetching } = useOrganizationOptions(q, kind);
  const inResults = !!value && (data?.items ?? []).some((o) => o.id === value);
  const known = picked && picked.value === value ? picked.label : initialLabel;
  // A value set from outside (a default, a saved record) without its label: its name is fetched.
  const named = useOrganization(value && !inResults && !known ? value : undefined);
  const options = useMemo(
    () =>
      withInitial(
        (data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.uscc}）` })),
        value,
        known ?? named.data?.name,
      ),
    [data, value, known, named.data],
  );
  return <SearchSelect {...{ id, value, options, placeholder, style }} loading={isFetching} onSearch={setSearch} onPick={(next, option) => { setPicked(option); onChange?.(next); }} />;
}

/**
 * A contract's seller or buyer: the whole registry by name or credit code (an enterprise buying
 * from a university it does not hold), not only the organizations the user's lists reach.
 */
export function ContractPartySelect({ value, onChange, initialLabel, placeholder, style, id }: PickerProps) {
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Option | undefined>();
  const q = useDebounced(search);
  const { data, isFetching } = useContractPartyOptions(q);
  const user = useUser();
  // The form starts with the user's own unit as a party: it is named from the session.
  const own = user.organizations.find((o) => o.id === value)?.name;
  const known = picked && picked.value === value ? picked.label : (initialLabel ?? own);
  const options = useMemo(
    () =>
      withInitial(
        (data ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.uscc ?? o.divisionName ?? ''}）` })),
        value,
        known,
      ),
    [data, value, known],
  );
  return (
    <SearchSelect
      {...{ id, value, options, placeholder, style }}
      loading={isFetching}
      onSearch={setSearch}
      onPick={(next, option) => { setPicked(option); onChange?.(next); }}
      notFoundContent={[...q.trim()].length < 2 ? '输入单位名称（至少两个字）或统一社会信用代码' : '机构库中没有该单位：请联系科技局先在机构库中登记'}
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
  return <SearchSelect {...{ id, value, options, placeholder, style }} loading={isFetching} onSearch={setSearch} onPick={(next, option) => { setPicked(option); onChange?.(next); }} />;
}

/** A 6-digit division code, searched by name or code over all of China. */
export function DivisionSelect({ value, onChange, initialLabel, placeholder, style, id }: PickerProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const { data, isFetching } = useDivisionSearch(q);
  // A code set from outside (a default, a saved record) is shown by its name, looked up by code.
  const inResults = !!value && (data ?? []).some((d) => d.code === value);
  const lookup = useDivisionSearch(value && !inResults && !initialLabel ? value : '');
  const found = lookup.data?.find((d) => d.code === value);
  const name = initialLabel ?? (found ? found.fullName ?? found.name : undefined);
  const options = useMemo(
    () =>
      withInitial(
        (data ?? []).map((d) => ({ value: d.code, label: `${d.fullName ?? d.name}（${d.code}）` })),
        value,
        name ? `${name}（${value}）` : undefined,
      ),
    [data, value, name],
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
