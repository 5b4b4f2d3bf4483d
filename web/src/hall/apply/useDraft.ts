import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client.ts';
import type { Draft } from '../types.ts';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'conflict' | 'error';

/**
 * One draft application: loads it, and saves the project values and materials with
 * PUT + expectedVersion, one request at a time (a change made while a save runs is saved after it).
 */
export function useDraft(id: string | null) {
  const [draft, setDraftState] = useState<Draft>();
  const [loadError, setLoadError] = useState<unknown>();
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState<unknown>();
  const [savedAt, setSavedAt] = useState<string>();
  const latest = useRef<Draft | undefined>(undefined);
  const wanted = useRef<Pick<Draft, 'project' | 'materials'> | null>(null);
  const running = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const setDraft = useCallback((d: Draft) => {
    latest.current = d;
    setDraftState(d);
  }, []);

  useEffect(() => {
    if (!id) return;
    let live = true;
    api<Draft>(`/api/portal/drafts/${encodeURIComponent(id)}`).then(
      (d) => live && setDraft(d),
      (cause: unknown) => live && setLoadError(cause),
    );
    return () => {
      live = false;
    };
  }, [id, setDraft]);

  const flush = useCallback(async () => {
    if (running.current || !wanted.current || !latest.current) return;
    running.current = true;
    const body = wanted.current;
    wanted.current = null;
    setSaveState('saving');
    try {
      const d = latest.current;
      const next = await api<Draft>(`/api/portal/drafts/${encodeURIComponent(d.id)}`, {
        method: 'PUT',
        body: { expectedVersion: d.version, project: body.project, materials: body.materials.map((m) => ({ code: m.code, fileId: m.fileId })) },
      });
      // Keep what the user typed meanwhile; take the server's version and file details.
      setDraft(wanted.current ? { ...next, ...(wanted.current as object) } : next);
      setSaveState(wanted.current ? 'pending' : 'saved');
      setSavedAt(next.updatedAt);
      setSaveError(undefined);
    } catch (cause) {
      if (cause instanceof ApiError && cause.code === 'DRAFT_VERSION_CONFLICT') {
        // Changed in another window: take the stored draft; the page shows it and says so.
        const fresh = await api<Draft>(`/api/portal/drafts/${encodeURIComponent(latest.current.id)}`).catch(() => undefined);
        if (fresh) setDraft(fresh);
        setSaveState('conflict');
      } else {
        setSaveState('error');
      }
      setSaveError(cause);
    } finally {
      running.current = false;
    }
    if (wanted.current) void flush();
  }, [setDraft]);

  /** Asks for a save of these values; several calls within `delayMs` become one request. */
  const save = useCallback(
    (values: Pick<Draft, 'project' | 'materials'>, delayMs = 800) => {
      wanted.current = values;
      if (latest.current) {
        latest.current = { ...latest.current, ...values };
        setDraftState(latest.current);
      }
      setSaveState('pending');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delayMs);
    },
    [flush],
  );

  /** Saves at once what is waiting (before leaving a step or submitting). */
  const saveNow = useCallback(async () => {
    clearTimeout(timer.current);
    await flush();
    while (running.current) await new Promise((r) => setTimeout(r, 50));
  }, [flush]);

  useEffect(() => () => clearTimeout(timer.current), []);

  return { draft, setDraft, loadError, save, saveNow, saveState, saveError, savedAt, latest };
}
