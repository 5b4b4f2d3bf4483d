import type OlMap from 'ol/Map.js';

export interface ExportPngOptions {
  fileName?: string;
  /** Drawn at the bottom left, e.g. the CRS and date; default none. */
  caption?: string;
  /** Page colour under the layers; default white. */
  background?: string;
}

/**
 * Renders the map once more and saves all layer canvases, composed as shown, as a PNG.
 * Tiles come from this origin, so the canvas is not tainted.
 * @returns a promise that resolves when the download has been offered
 */
export function exportMapPng(map: OlMap, options: ExportPngOptions = {}): Promise<void> {
  const { fileName = 'map.png', caption, background = '#ffffff' } = options;
  return new Promise((resolve, reject) => {
    map.once('rendercomplete', () => {
      try {
        const size = map.getSize() ?? [0, 0];
        const ratio = window.devicePixelRatio || 1;
        const out = document.createElement('canvas');
        out.width = Math.round(size[0]! * ratio);
        out.height = Math.round(size[1]! * ratio);
        const ctx = out.getContext('2d')!;
        ctx.fillStyle = background;
        ctx.fillRect(0, 0, out.width, out.height);
        const canvases = map.getViewport()?.querySelectorAll<HTMLCanvasElement>('.ol-layer canvas, canvas.ol-layer') ?? [];
        for (const canvas of canvases) {
          if (canvas.width === 0) continue;
          const parent = canvas.parentElement;
          const opacity = parent?.style.opacity || canvas.style.opacity;
          ctx.globalAlpha = opacity === '' || opacity === undefined ? 1 : Number(opacity);
          const m = /^matrix\(([^(]*)\)$/.exec(canvas.style.transform);
          const matrix = m ? m[1]!.split(',').map(Number) : [parseFloat(canvas.style.width) / canvas.width, 0, 0, parseFloat(canvas.style.height) / canvas.height, 0, 0];
          // The CSS matrix maps canvas pixels to CSS pixels; scale up to device pixels.
          ctx.setTransform(matrix[0]! * ratio, matrix[1]! * ratio, matrix[2]! * ratio, matrix[3]! * ratio, matrix[4]! * ratio, matrix[5]! * ratio);
          ctx.drawImage(canvas, 0, 0);
        }
        ctx.globalAlpha = 1;
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        if (caption) {
          ctx.font = `${12 * ratio}px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;
          ctx.fillStyle = 'rgba(255,255,255,.8)';
          const w = ctx.measureText(caption).width;
          ctx.fillRect(0, out.height - 20 * ratio, w + 12 * ratio, 20 * ratio);
          ctx.fillStyle = '#333';
          ctx.fillText(caption, 6 * ratio, out.height - 6 * ratio);
        }
        out.toBlob((blob) => {
          if (!blob) return reject(new Error('canvas export failed'));
          const a = document.createElement('a');
          a.href = URL.createObjectURL(blob);
          a.download = fileName;
          a.click();
          setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
          resolve();
        }, 'image/png');
      } catch (e) {
        reject(e as Error);
      }
    });
    map.renderSync();
  });
}
