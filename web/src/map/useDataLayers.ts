import { useEffect, useMemo, useRef, useState } from 'react';
import type OlMap from 'ol/Map.js';
import MVT from 'ol/format/MVT.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import VectorTileLayer from 'ol/layer/VectorTile.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorTileSource from 'ol/source/VectorTile.js';
import VectorSource from 'ol/source/Vector.js';
import { bbox as bboxStrategy } from 'ol/loadingstrategy.js';
import type BaseLayer from 'ol/layer/Base.js';
import { api } from '../api/client.ts';
import { layerStyleFunction } from './layerStyle.ts';
import { CGCS2000, MAX_TILE_ZOOM, cgcs2000TileGrid, extentToLonLat } from './projection.ts';
import { CATEGORY_ORDER, type FeatureCollectionResponse, type GisLayer, type LayerState, type ProjectionCode } from './types.ts';

export interface DataLayersOptions {
  layers: GisLayer[];
  states: Record<string, LayerState>;
  projection: ProjectionCode;
  /** Most features fetched per view for an older version; default 5000 (the API's limit). */
  versionFeatureLimit?: number;
}

export interface DataLayers {
  /** Tiles loaded so far (empty 204 tiles included); the map counts as ready after the first. */
  tilesLoaded: number;
  tileErrors: number;
}

function zIndexOf(layer: GisLayer): number {
  return (CATEGORY_ORDER.indexOf(layer.category) + 1) * 10;
}

/** The current version as vector tiles on the grid matching the view's projection. */
function tileLayer(layer: GisLayer, projection: ProjectionCode): VectorTileLayer {
  const code = encodeURIComponent(layer.code);
  const source =
    projection === CGCS2000
      ? new VectorTileSource({ format: new MVT(), projection: CGCS2000, tileGrid: cgcs2000TileGrid(), url: `/tiles/4490/${code}/{z}/{x}/{y}.mvt` })
      : new VectorTileSource({ format: new MVT(), maxZoom: MAX_TILE_ZOOM, url: `/tiles/${code}/{z}/{x}/{y}.mvt` });
  return new VectorTileLayer({
    source,
    style: layerStyleFunction(layer.style, { outlineWidth: layer.category === 'base' ? 2 : 1 }),
    zIndex: zIndexOf(layer),
    properties: { code: layer.code },
    renderMode: 'hybrid',
  });
}

/**
 * An older version: tiles serve only the current one, so its features come from the features API
 * for the visible extent (fine for a few thousand features, i.e. a town, not the whole county).
 */
function versionLayer(layer: GisLayer, version: number, projection: ProjectionCode, limit: number): VectorLayer {
  const format = new GeoJSON({ dataProjection: CGCS2000, featureProjection: projection });
  const source: VectorSource = new VectorSource({
    strategy: bboxStrategy,
    loader: (extent, _resolution, _proj, success, failure) => {
      const bbox = extentToLonLat(extent, projection).join(',');
      api<FeatureCollectionResponse>(`/api/gis/layers/${encodeURIComponent(layer.code)}/features`, { query: { bbox, version, limit } })
        .then((fc) => {
          const features = format.readFeatures(fc);
          source.addFeatures(features);
          success?.(features);
        })
        .catch(() => failure?.());
    },
  });
  return new VectorLayer({ source, style: layerStyleFunction(layer.style), zIndex: zIndexOf(layer), properties: { code: layer.code, version } });
}

/**
 * Keeps one map layer per catalogue layer: vector tiles for the current version, a GeoJSON layer
 * when an older version is chosen; follows visibility and opacity from the layer tree.
 */
export function useDataLayers(map: OlMap | null, options: DataLayersOptions): DataLayers {
  const { layers, states, projection, versionFeatureLimit = 5000 } = options;
  const [tilesLoaded, setTilesLoaded] = useState(0);
  const [tileErrors, setTileErrors] = useState(0);
  const tiles = useRef(new Map<string, VectorTileLayer>());
  const olds = useRef(new Map<string, VectorLayer>());
  // Which layers show an older version; the GeoJSON layers are rebuilt only when this changes.
  const oldKey = useMemo(
    () => JSON.stringify(layers.filter((l) => states[l.code]?.version !== undefined && states[l.code]!.version !== l.currentVersion).map((l) => [l.code, states[l.code]!.version])),
    [layers, states],
  );

  useEffect(() => {
    if (!map) return;
    const made = new Map<string, VectorTileLayer>();
    const onLoad = () => setTilesLoaded((n) => n + 1);
    const onError = () => setTileErrors((n) => n + 1);
    for (const l of layers) {
      if (l.currentVersion === null) continue;
      const layer = tileLayer(l, projection);
      layer.getSource()?.on('tileloadend', onLoad);
      layer.getSource()?.on('tileloaderror', onError);
      map.addLayer(layer);
      made.set(l.code, layer);
    }
    tiles.current = made;
    return () => {
      for (const layer of made.values()) {
        map.removeLayer(layer);
        layer.getSource()?.dispose();
        layer.dispose();
      }
      tiles.current = new Map();
    };
  }, [map, layers, projection]);

  useEffect(() => {
    if (!map) return;
    const made = new Map<string, VectorLayer>();
    for (const [code, version] of JSON.parse(oldKey) as [string, number][]) {
      const l = layers.find((x) => x.code === code);
      if (!l) continue;
      const layer = versionLayer(l, version, projection, versionFeatureLimit);
      map.addLayer(layer);
      made.set(code, layer);
    }
    olds.current = made;
    return () => {
      for (const layer of made.values()) {
        map.removeLayer(layer);
        layer.getSource()?.dispose();
        layer.dispose();
      }
      olds.current = new Map();
    };
  }, [map, layers, projection, oldKey, versionFeatureLimit]);

  // Visibility and opacity change often; apply them without rebuilding sources.
  useEffect(() => {
    const apply = (code: string, layer: BaseLayer, isOld: boolean) => {
      const s = states[code];
      const showsOld = olds.current.has(code);
      layer.setVisible(Boolean(s?.visible) && (isOld || !showsOld));
      layer.setOpacity(s?.opacity ?? 1);
    };
    for (const [code, layer] of tiles.current) apply(code, layer, false);
    for (const [code, layer] of olds.current) apply(code, layer, true);
  }, [states, map, layers, projection, oldKey]);

  return { tilesLoaded, tileErrors };
}
