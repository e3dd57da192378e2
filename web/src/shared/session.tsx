import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken, type Me, type Role, type WorkspaceSummary } from '../api/client.ts';

interface SessionValue {
  me: Me;
  workspace: WorkspaceSummary | null;
  selectWorkspace(id: string): void;
  can(permission: 'write' | 'approve' | 'manage' | 'publish'): boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

const ROLE_RIGHTS: Record<'write' | 'approve' | 'manage' | 'publish', Role[]> = {
  write: ['owner', 'manager', 'editor'],
  publish: ['owner', 'manager', 'editor'],
  approve: ['owner', 'manager', 'approver'],
  manage: ['owner', 'manager'],
};

/** Loads /me: null when signed out (401). */
export function useMeQuery() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await api<Me>('GET', '/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Provides the signed-in user and the selected workspace (remembered in this browser). */
export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const [selectedId, setSelectedId] = useState<string | null>(() => localStorage.getItem('plaza.workspace'));
  const workspace = me.workspaces.find((w) => w.id === selectedId) ?? me.workspaces[0] ?? null;
  useEffect(() => {
    if (workspace) localStorage.setItem('plaza.workspace', workspace.id);
  }, [workspace]);
  const value = useMemo<SessionValue>(
    () => ({
      me,
      workspace,
      selectWorkspace: (id) => setSelectedId(id),
      can: (permission) => (workspace ? ROLE_RIGHTS[permission].includes(workspace.role) : false),
    }),
    [me, workspace],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session; only inside SessionProvider. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The selected workspace; pages under the shell always have one. */
export function useWorkspace(): WorkspaceSummary {
  const { workspace } = useSession();
  if (!workspace) throw new Error('No workspace selected');
  return workspace;
}
