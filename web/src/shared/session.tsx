import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Me, Permission, WorkspaceSummary } from '../features/accounts/types.ts';

interface SessionValue {
  me: Me;
  workspace: WorkspaceSummary | null;
  selectWorkspace(id: string): void;
  /** True when the caller holds `permission` in the selected workspace (from /me; the server owns the rules). */
  can(permission: Permission): boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

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
      can: (permission) => workspace?.permissions.includes(permission) ?? false,
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

/** The session, or null outside SessionProvider (pages shown both before and after sign-in). */
export function useOptionalSession(): SessionValue | null {
  return useContext(SessionContext);
}

/** The selected workspace; pages under the shell always have one. */
export function useWorkspace(): WorkspaceSummary {
  const { workspace } = useSession();
  if (!workspace) throw new Error('No workspace selected');
  return workspace;
}

/** `useCan('post.approve')`: whether the caller may do that in the selected workspace. */
export function useCan(permission: Permission): boolean {
  return useSession().can(permission);
}
