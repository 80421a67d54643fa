/** The portal on the web: React Query hooks over the public portal API and the bureau's editing (common/portal-api.ts). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PolicyLibraryEntry, PortalHome, PortalListItem, PortalPost, PortalSite, PublicCall, PublicPost, SubsidyPolicyPage } from '../../../../common/portal-api.js';
import type { PostKind } from '../../../../common/portal-vocabulary.js';
import { api } from '../../api.js';

const hour = 60 * 60_000;
export const useSite = () => useQuery({ queryKey: ['portal', 'site'], queryFn: () => api<PortalSite>('/api/public/portal/site'), staleTime: hour });
export const useHome = () => useQuery({ queryKey: ['portal', 'home'], queryFn: () => api<PortalHome>('/api/public/portal/home') });
export const useAnnouncements = () => useQuery({ queryKey: ['portal', 'announcements'], queryFn: () => api<PortalListItem[]>('/api/public/portal/announcements') });
export const usePublicPosts = (kind: PostKind, page: number) =>
  useQuery({ queryKey: ['portal', 'posts', kind, page], queryFn: () => api<{ items: PortalListItem[]; total: number }>('/api/public/portal/posts', { query: { kind, page, pageSize: 20 } }), placeholderData: keepPreviousData });
export const usePublicPost = (id: string | undefined) =>
  useQuery({ queryKey: ['portal', 'post', id], queryFn: () => api<PublicPost>(`/api/public/portal/posts/${encodeURIComponent(id!)}`), enabled: !!id });
export const usePolicyLibrary = () => useQuery({ queryKey: ['portal', 'policies'], queryFn: () => api<PolicyLibraryEntry[]>('/api/public/portal/policies') });
export const useSubsidyPolicy = (id: string | undefined) =>
  useQuery({ queryKey: ['portal', 'subsidy-policy', id], queryFn: () => api<SubsidyPolicyPage>(`/api/public/portal/subsidy-policies/${encodeURIComponent(id!)}`), enabled: !!id });
export const usePublicCall = (id: string | undefined) =>
  useQuery({ queryKey: ['portal', 'call', id], queryFn: () => api<PublicCall>(`/api/public/portal/calls/${encodeURIComponent(id!)}`), enabled: !!id });

export interface PostFilters {
  kind?: PostKind;
  status?: string;
  q?: string;
  page: number;
}
export const useAdminPosts = (filters: PostFilters) =>
  useQuery({ queryKey: ['portal-admin', 'posts', filters], queryFn: () => api<{ items: PortalPost[]; total: number }>('/api/portal/posts', { query: { ...filters, pageSize: 20 } }), placeholderData: keepPreviousData });

export function useSavePost() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Record<string, unknown> }) =>
      id ? api<PortalPost>(`/api/portal/posts/${encodeURIComponent(id)}`, { method: 'PATCH', body }) : api<PortalPost>('/api/portal/posts', { method: 'POST', body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['portal-admin'] });
      void client.invalidateQueries({ queryKey: ['portal'] });
    },
  });
}
