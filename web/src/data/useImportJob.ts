import { useEffect, useState } from 'react';
import { api, ApiError, isAbort } from '../api/client.ts';
import { useMe } from '../auth/MeContext.ts';
import type { ImportJob } from './types.ts';

export interface ImportJobOptions {
  /** Milliseconds between polls while the job is queued or running; default 1000. */
  intervalMs?: number;
}

export interface ImportJobState {
  job: ImportJob | undefined;
  /** A failed poll (not a failed job: that is `job.status === 'failed'`). Polling goes on after it. */
  error: ApiError | undefined;
}

const FINISHED = new Set<ImportJob['status']>(['done', 'failed']);

/** Polls GET /api/gis/jobs/{id} until the import is done or failed; `jobId` undefined polls nothing. */
export function useImportJob(jobId: number | undefined, options: ImportJobOptions = {}): ImportJobState {
  const { intervalMs = 1000 } = options;
  const { signedOut } = useMe();
  const [job, setJob] = useState<ImportJob>();
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    setJob(undefined);
    setError(undefined);
    if (jobId === undefined) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api<ImportJob>(`/api/gis/jobs/${jobId}`, { signal: controller.signal });
        setJob(next);
        setError(undefined);
        if (FINISHED.has(next.status)) return;
      } catch (cause) {
        if (isAbort(cause)) return;
        const e = cause instanceof ApiError ? cause : new ApiError(0, undefined, String(cause));
        if (e.status === 401) {
          signedOut();
          return;
        }
        setError(e);
      }
      timer = setTimeout(() => void poll(), intervalMs);
    };
    void poll();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [jobId, intervalMs, signedOut]);

  return { job, error };
}
