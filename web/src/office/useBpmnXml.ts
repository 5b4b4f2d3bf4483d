import { useCallback, useEffect, useState } from 'react';
import { ApiError, type Problem } from '../api/client.ts';

/** A process definition version as BPMN 2.0 XML (GET /api/service-items/:code/process/bpmn). */
export function useBpmnXml(code: string, version: number | undefined) {
  const [xml, setXml] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setError(undefined);
    const q = version ? `?version=${version}` : '';
    fetch(`/api/service-items/${encodeURIComponent(code)}/process/bpmn${q}`, { credentials: 'same-origin', signal: controller.signal })
      .then(async (r) => {
        const text = await r.text();
        if (!r.ok) {
          let problem: Problem | undefined;
          try {
            problem = JSON.parse(text) as Problem;
          } catch {
            problem = undefined;
          }
          throw new ApiError(r.status, problem, r.statusText);
        }
        setXml(text);
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError) setError(e);
        else if (!(e instanceof DOMException && e.name === 'AbortError')) setError(new ApiError(0, undefined, String(e)));
      });
    return () => controller.abort();
  }, [code, version, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { xml, error, reload };
}
