import type { ContractPartyOption } from '../../common/contract-api.js';
/**
 * Every read and write of the web app, as React Query hooks over `api()`: the one way pages
 * fetch data. Query keys start with the resource name so a write can invalidate its family.
 */
import { keepPreviousData, QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  EquityHolderInput,
  OrganizationInput,
  OrganizationPatch,
  PersonInput,
  PersonPatch,
  PlatformInput,
  PlatformPatch,
  QualificationInput,
} from '../../common/registry-schema.js';
import { api, isApiError, setCsrfToken, uploadFile, withQuery } from './api.js';
import type {
  AuditEvent,
  Contract,
  ContractDetail,
  ContractImportKind,
  ContractTransition,
  Division,
  EvidenceFile,
  ImportKind,
  ImportProgress,
  ImportResult,
  JurisdictionNode,
  Organization,
  OrganizationSummary,
  Page,
  Payment,
  Person,
  PersonSummary,
  Platform,
  Qualification,
  RelatedParties,
  Session,
  User,
} from './types.js';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not change on retry; a network blip might.
        retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}

// ---------------------------------------------------------------- session

const ME = ['me'] as const;

/** The logged-in user, or null when there is no session (401). */
export function useMe() {
  return useQuery({
    queryKey: ME,
    queryFn: async (): Promise<User | null> => {
      try {
        const session = await api<Session>('/api/auth/me');
        setCsrfToken(session.csrfToken);
        return session.user;
      } catch (error) {
        if (isApiError(error) && error.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) =>
      api<Session | SecondFactorChallenge>('/api/auth/login', { method: 'POST', body: input }),
    onSuccess: (answer) => {
      if (!('user' in answer)) return; // the second step (useLoginTotp) finishes it
      setCsrfToken(answer.csrfToken);
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
      client.setQueryData(ME, answer.user);
    },
  });
}

/** A login whose password was right and that waits for the 6-digit code (or a recovery code). */
export interface SecondFactorChallenge {
  secondFactor: 'totp';
  challengeToken: string;
  expiresAt: string;
}

export function useLoginTotp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { challengeToken: string; code: string }) => api<Session>('/api/auth/login/totp', { method: 'POST', body: input }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
      client.setQueryData(ME, session.user);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ ok: true }>('/api/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(ME, null);
    },
  });
}

/** Called when any request answers 401: forget the user so guards send them to /login. */
export function forgetSession(client: QueryClient): void {
  setCsrfToken(null);
  client.setQueryData(ME, null);
}

// ---------------------------------------------------------------- registry

export interface OrganizationFilters {
  q?: string;
  kind?: string;
  division?: string;
  industry?: string;
  qualification?: string;
  validOn?: string;
  page: number;
  pageSize: number;
}

export function useOrganizations(filters: OrganizationFilters) {
  return useQuery({
    queryKey: ['organizations', 'list', filters],
    queryFn: ({ signal }) =>
      api<Page<OrganizationSummary>>('/api/organizations', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useOrganization(id: string | undefined) {
  return useQuery({
    queryKey: ['organizations', 'one', id],
    queryFn: ({ signal }) => api<Organization>(`/api/organizations/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export function useCreateOrganization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<OrganizationInput>) =>
      api<Organization>('/api/organizations', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['organizations'] }),
  });
}

export function useUpdateOrganization(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<OrganizationPatch> & { version: number }) =>
      api<Organization>(`/api/organizations/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSuccess: (organization) => {
      client.setQueryData(['organizations', 'one', id], organization);
      void client.invalidateQueries({ queryKey: ['organizations', 'list'] });
      void client.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export function useAddQualification(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: QualificationInput) =>
      api<Qualification>(`/api/organizations/${encodeURIComponent(organizationId)}/qualifications`, {
        method: 'POST',
        body: input,
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['organizations'] });
      void client.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

/** Replaces an organization's equity holders: PUT /api/organizations/:id/equity. */
export function useSetEquityHolders(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (holders: EquityHolderInput[]) =>
      api<Organization>(`/api/organizations/${encodeURIComponent(organizationId)}/equity`, { method: 'PUT', body: { holders } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['organizations'] });
      void client.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export interface PeopleFilters {
  q?: string;
  role?: string;
  organizationId?: string;
  page: number;
  pageSize: number;
}

export function usePeople(filters: PeopleFilters) {
  return useQuery({
    queryKey: ['people', 'list', filters],
    queryFn: ({ signal }) => api<Page<PersonSummary>>('/api/people', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string | undefined) {
  return useQuery({
    queryKey: ['people', 'one', id],
    queryFn: ({ signal }) => api<Person>(`/api/people/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export function useCreatePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<PersonInput>) => api<Person>('/api/people', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['people'] }),
  });
}

export function useUpdatePerson(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<PersonPatch> & { version: number }) =>
      api<Person>(`/api/people/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSuccess: (person) => {
      client.setQueryData(['people', 'one', id], person);
      void client.invalidateQueries({ queryKey: ['people', 'list'] });
      void client.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export interface PlatformFilters {
  q?: string;
  type?: string;
  level?: string;
  division?: string;
  activeOn?: string;
  page: number;
  pageSize: number;
}

export function usePlatforms(filters: PlatformFilters) {
  return useQuery({
    queryKey: ['platforms', 'list', filters],
    queryFn: ({ signal }) => api<Page<Platform>>('/api/platforms', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePlatform(id: string | undefined) {
  return useQuery({
    queryKey: ['platforms', 'one', id],
    queryFn: ({ signal }) => api<Platform>(`/api/platforms/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export function useCreatePlatform() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<PlatformInput>) => api<Platform>('/api/platforms', { method: 'POST', body: input }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['platforms'] });
      void client.invalidateQueries({ queryKey: ['organizations', 'one'] });
    },
  });
}

export function useUpdatePlatform(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<PlatformPatch> & { version: number }) =>
      api<Platform>(`/api/platforms/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSuccess: (platform) => {
      client.setQueryData(['platforms', 'one', id], platform);
      void client.invalidateQueries({ queryKey: ['platforms', 'list'] });
      void client.invalidateQueries({ queryKey: ['organizations', 'one'] });
      void client.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

// ---------------------------------------------------------------- audit

export interface AuditFilters {
  subjectType?: string;
  subjectId?: string;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** The filtered audit log as an XLSX download (server-side, in words). */
export function auditExportUrl(filters: Omit<AuditFilters, 'page' | 'pageSize'>): string {
  const params = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1]));
  return `/api/audit/export${params.size ? `?${params}` : ''}`;
}

export function useAudit(filters: AuditFilters, enabled = true) {
  return useQuery({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) => api<Page<AuditEvent>>('/api/audit', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

// ---------------------------------------------------------------- import

export function useImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file, progressId, onProgress }: { kind: ImportKind; file: File; progressId: string; onProgress: (percent: number) => void }) =>
      uploadFile(withQuery(`/api/import/${kind}`, { progressId }), file, onProgress).done as Promise<ImportResult>,
    onSuccess: (_result, { kind }) => {
      const family = kind === 'people' ? 'people' : kind === 'platforms' ? 'platforms' : 'organizations';
      void client.invalidateQueries({ queryKey: [family] });
      void client.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

/** What the server reports of a running import (polled while the upload's answer is awaited). */
export function useImportProgress(progressId: string | null, running: boolean) {
  return useQuery({
    queryKey: ['import-progress', progressId],
    queryFn: ({ signal }) => api<ImportProgress>(`/api/import/progress/${progressId}`, { signal }),
    enabled: running && progressId !== null,
    refetchInterval: running ? 500 : false,
    retry: false,
  });
}

// ---------------------------------------------------------------- divisions

export function useDivisionSearch(q: string) {
  return useQuery({
    queryKey: ['divisions', 'search', q],
    queryFn: ({ signal }) => api<Division[]>('/api/divisions', { query: { q }, signal }),
    enabled: q.trim().length > 0,
    staleTime: 60 * 60_000,
  });
}

export function useJurisdictionTree() {
  return useQuery({
    queryKey: ['divisions', 'tree'],
    queryFn: ({ signal }) => api<JurisdictionNode>('/api/jurisdictions/tree', { signal }),
    staleTime: 60 * 60_000,
  });
}

/** Search helpers for pickers (organization / person by name). */
export function useOrganizationOptions(q: string, kind?: string) {
  return useQuery({
    queryKey: ['organizations', 'options', q, kind ?? ''],
    queryFn: ({ signal }) =>
      api<Page<OrganizationSummary>>('/api/organizations', { query: { q, kind, page: 1, pageSize: 20 }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** A contract's possible other parties, from the whole registry (at least two characters). */
export function useContractPartyOptions(q: string) {
  return useQuery({
    queryKey: ['contracts', 'parties', q],
    queryFn: ({ signal }) => api<ContractPartyOption[]>('/api/contracts/parties', { query: { q }, signal }),
    enabled: [...q.trim()].length >= 2,
    placeholderData: keepPreviousData,
  });
}

export function usePersonOptions(q: string) {
  return useQuery({
    queryKey: ['people', 'options', q],
    queryFn: ({ signal }) => api<Page<PersonSummary>>('/api/people', { query: { q, page: 1, pageSize: 20 }, signal }),
    placeholderData: keepPreviousData,
  });
}

// ---------------------------------------------------------------- technology contracts

export interface ContractFilters {
  q?: string;
  status?: string;
  type?: string;
  field?: string;
  party?: string;
  registrationYear?: string;
  page: number;
  pageSize: number;
}

export function useContracts(filters: ContractFilters) {
  return useQuery({
    queryKey: ['contracts', 'list', filters],
    queryFn: ({ signal }) => api<Page<Contract>>('/api/contracts', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useContract(id: string | undefined) {
  return useQuery({
    queryKey: ['contracts', 'one', id],
    queryFn: ({ signal }) => api<ContractDetail>(`/api/contracts/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

/** After any change to a contract: its page, the lists, its related parties and payments, the audit trail. */
function refreshContract(client: QueryClient, id: string): void {
  void client.invalidateQueries({ queryKey: ['contracts'] });
  void client.invalidateQueries({ queryKey: ['contract-payments', id] });
  void client.invalidateQueries({ queryKey: ['audit'] });
}

export function useCreateContract() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Record<string, unknown>) => api<Contract>('/api/contracts', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['contracts'] }),
  });
}

export function useUpdateContract(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: Record<string, unknown> & { version: number }) =>
      api<Contract>(`/api/contracts/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSuccess: () => refreshContract(client, id),
  });
}

export function useTransitionContract(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ContractTransition) =>
      api<ContractDetail>(`/api/contracts/${encodeURIComponent(id)}/transitions`, { method: 'POST', body: input }),
    onSuccess: (detail) => {
      client.setQueryData(['contracts', 'one', id], detail);
      refreshContract(client, id);
    },
  });
}

export function useRelatedParties(id: string) {
  return useQuery({
    queryKey: ['contracts', 'related-parties', id],
    queryFn: ({ signal }) => api<RelatedParties>(`/api/contracts/${encodeURIComponent(id)}/related-parties`, { signal }),
  });
}

export function usePayments(contractId: string) {
  return useQuery({
    queryKey: ['contract-payments', contractId],
    queryFn: ({ signal }) => api<Payment[]>(`/api/contracts/${encodeURIComponent(contractId)}/payments`, { signal }),
  });
}

/** Adds a payment (no `paymentId`) or replaces one (with `paymentId` and `version`). */
export function useSavePayment(contractId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ paymentId, body }: { paymentId?: string; body: Record<string, unknown> }) =>
      paymentId
        ? api<Payment>(`/api/contracts/${encodeURIComponent(contractId)}/payments/${encodeURIComponent(paymentId)}`, { method: 'PUT', body })
        : api<Payment>(`/api/contracts/${encodeURIComponent(contractId)}/payments`, { method: 'POST', body }),
    onSuccess: () => refreshContract(client, contractId),
  });
}

export function useDeletePayment(contractId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (payment: { id: string; version: number }) =>
      api<{ ok: true }>(`/api/contracts/${encodeURIComponent(contractId)}/payments/${encodeURIComponent(payment.id)}`, {
        method: 'DELETE',
        query: { version: payment.version },
      }),
    onSuccess: () => refreshContract(client, contractId),
  });
}

/** Uploads one evidence file (转账凭证, 发票); answers its SHA-256, which a payment then names. */
export function useUploadEvidence() {
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (percent: number) => void }) =>
      uploadFile('/api/evidence', file, onProgress).done as Promise<EvidenceFile>,
  });
}

export function evidenceUrl(contractId: string, hash: string): string {
  return `/api/contracts/${encodeURIComponent(contractId)}/evidence/${hash}`;
}

export function useContractImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file, onProgress }: { kind: ContractImportKind; file: File; progressId?: string; onProgress: (percent: number) => void }) =>
      uploadFile(`/api/contracts/import/${kind}`, file, onProgress).done as Promise<ImportResult>,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['contracts'] });
      void client.invalidateQueries({ queryKey: ['contract-payments'] });
      void client.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}
