// The sync client's status in the top bar ("off" without a backend).
import { useSyncStatus } from 'cofounder-artifacts/react';

export function SyncBadge() {
  const status = useSyncStatus();
  if (!status) return <span data-testid="sync">Sync: off</span>;
  return (
    <span data-testid="sync">
      Sync: {status.online ? 'online' : 'offline'} · {status.pending} waiting
      {status.conflicts ? ` · ${status.conflicts} conflicts` : ''}
      {status.lastSyncAt ? ` · last ${new Date(status.lastSyncAt).toLocaleTimeString()}` : ''}
    </span>
  );
}
