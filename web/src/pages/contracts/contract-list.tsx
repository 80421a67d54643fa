/** 技术合同 list: filters (status, type, field, party, registration year, text) and paging in the URL. */
import { useNavigate } from 'react-router';
import { Button, Select, Space, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CloudUploadOutlined } from '@ant-design/icons';
import { CONTRACT_STATUSES, CONTRACT_SUBTYPES, CONTRACT_TYPES, TECH_FIELDS } from '../../../../common/vocabulary.js';
import { useUser } from '../../auth.js';
import { OrganizationSelect } from '../../components/pickers.js';
import { nameColumn, RegistryListPage } from '../../components/registry-list-page.js';
import { useListParams } from '../../components/use-list-params.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { EMPTY, text, today } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { can, PERMISSIONS } from '../../permissions.js';
import { useContracts } from '../../queries.js';
import type { Contract, ContractParty } from '../../types.js';
import { partyLabel, StatusTag, Yuan } from './contract-bits.js';

const FILTERS = ['q', 'status', 'type', 'field', 'party', 'registrationYear'] as const;

/** Registration years offered by the filter: this year back to 2015. */
function years(): number[] {
  const now = Number(today().slice(0, 4));
  return Array.from({ length: now - 2014 }, (_, i) => now - i);
}

export default function ContractList() {
  const { t, vocab } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const list = useListParams(FILTERS);
  const { values, update } = list;
  const query = useContracts({ ...values, page: list.page, pageSize: list.pageSize });
  const parties = (list: ContractParty[]) => (list.length ? list.map((p) => partyLabel(p, t('contract.partyPerson'))).join('、') : EMPTY);

  const columns: ColumnsType<Contract> = [
    { ...nameColumn<Contract>(t('contract.name'), '/contracts'), width: 260 },
    {
      title: t('contract.registrationNumber'),
      dataIndex: 'registrationNumber',
      width: 170,
      render: (n: string | null) => (n ? <code>{n}</code> : EMPTY),
    },
    {
      title: t('contract.type'),
      dataIndex: 'type',
      width: 150,
      render: (type: string, row) => (
        <Tooltip title={vocab(CONTRACT_SUBTYPES, row.subtype)}>
          {vocab(CONTRACT_TYPES, type)}
          <span className="tt-muted">／{vocab(CONTRACT_SUBTYPES, row.subtype)}</span>
        </Tooltip>
      ),
    },
    { title: t('contract.status'), dataIndex: 'status', width: 110, render: (_: unknown, row) => <StatusTag status={row.status} /> },
    { title: t('contract.seller'), key: 'sellers', width: 200, render: (_: unknown, row) => parties(row.sellers) },
    { title: t('contract.buyer'), key: 'buyers', width: 200, render: (_: unknown, row) => parties(row.buyers) },
    { title: t('contract.amount'), dataIndex: 'amountFen', width: 140, align: 'right', render: (fen: number) => <Yuan fen={fen} /> },
    { title: t('contract.techAmount'), dataIndex: 'techAmountFen', width: 140, align: 'right', render: (fen: number) => <Yuan fen={fen} /> },
    { title: t('contract.signedOn'), dataIndex: 'signedOn', width: 110 },
    { title: t('contract.registeredOn'), dataIndex: 'registeredOn', width: 110, render: (d: string | null) => text(d) },
  ];

  return (
    <RegistryListPage<Contract>
      allowCreate={can(user, PERMISSIONS.contractCreate)}
      extra={
        can(user, PERMISSIONS.contractImport) && (
          <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/contracts/import')} data-testid="contract-import-button">
            {t('contract.import')}
          </Button>
        )
      }
      basePath="/contracts"
      title={t('nav.contracts')}
      createLabel={t('contract.new')}
      list={list}
      search={{ placeholder: t('contract.searchPlaceholder'), width: 260, testId: 'contract-search' }}
      filters={
        <Space wrap>
          <VocabSelect
            vocabulary={CONTRACT_STATUSES}
            placeholder={t('contract.filterStatus')}
            value={values.status}
            onChange={(status) => update({ status: status as string | undefined })}
            style={{ width: 140 }}
            data-testid="filter-status"
          />
          <VocabSelect
            vocabulary={CONTRACT_TYPES}
            placeholder={t('contract.filterType')}
            value={values.type}
            onChange={(type) => update({ type: type as string | undefined })}
            style={{ width: 130 }}
            data-testid="filter-type"
          />
          <VocabSelect
            vocabulary={TECH_FIELDS}
            placeholder={t('contract.filterField')}
            value={values.field}
            onChange={(field) => update({ field: field as string | undefined })}
            style={{ width: 170 }}
          />
          <OrganizationSelect
            placeholder={t('contract.filterParty')}
            value={values.party}
            onChange={(party) => update({ party })}
            style={{ width: 230 }}
          />
          <Select<number>
            allowClear
            placeholder={t('contract.filterYear')}
            value={values.registrationYear ? Number(values.registrationYear) : undefined}
            onChange={(year) => update({ registrationYear: year })}
            options={years().map((y) => ({ value: y, label: String(y) }))}
            style={{ width: 120 }}
            data-testid="filter-year"
          />
        </Space>
      }
      columns={columns}
      query={query}
      scrollX={1500}
      tableTestId="contracts-table"
    />
  );
}
