import { useEffect, useState } from 'react';

/**
 * Fetches a stored file (GET /api/files/:id) as an object URL for inline display: the files API
 * answers as an attachment and may not be framed, so the bytes are read here.
 */
export function useFileBlob(fileId: string | null) {
  const [url, setUrl] = useState<string>();
  const [mime, setMime] = useState<string>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!fileId) return;
    const controller = new AbortController();
    let made: string | undefined;
    setUrl(undefined);
    setFailed(false);
    fetch(`/api/files/${fileId}`, { credentials: 'same-origin', signal: controller.signal })
      .then(async (r) => {
        if (!r.ok) throw new Error(String(r.status));
        const blob = await r.blob();
        made = URL.createObjectURL(blob);
        setMime(blob.type);
        setUrl(made);
      })
      .catch((e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setFailed(true);
      });
    return () => {
      controller.abort();
      if (made) URL.revokeObjectURL(made);
    };
  }, [fileId]);
  return { url, mime, failed };
}
