import { useEffect, useState } from 'react';

/** Types the files API shows inline (its INLINE_TYPES): PDF and raster images. */
const INLINE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/webp']);

/**
 * The URLs and type of a stored file (GET /api/files/:id). The type comes from the response
 * headers of the inline URL (the body is not read); PDFs and images are then shown from
 * `inlineUrl` — the only responses the server lets this origin frame — and anything else is
 * offered from `downloadUrl` as an attachment.
 */
export function useFileBlob(fileId: string | null) {
  const [mime, setMime] = useState<string>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!fileId) return;
    const controller = new AbortController();
    setMime(undefined);
    setFailed(false);
    fetch(`/api/files/${fileId}?disposition=inline`, { credentials: 'same-origin', signal: controller.signal })
      .then((r) => {
        if (!r.ok) throw new Error(String(r.status));
        setMime((r.headers.get('content-type') ?? '').split(';')[0]!.trim());
        // Only the headers were needed.
        controller.abort();
      })
      .catch((e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setFailed(true);
      });
    return () => controller.abort();
  }, [fileId]);
  const inline = mime !== undefined && INLINE.has(mime);
  return {
    mime,
    failed,
    /** Set once the type is known and the server shows the file inline. */
    inlineUrl: fileId && inline ? `/api/files/${fileId}?disposition=inline` : undefined,
    downloadUrl: fileId ? `/api/files/${fileId}` : undefined,
  };
}
